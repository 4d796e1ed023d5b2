/** The body every contender of the cache benchmark answers with: a small, realistic JSON object. */
export const item = {
  id: 2657896,
  name: 'Zürich',
  country: 'CH',
  adminCode: 'ZH',
  population: 341730,
  location: { lat: 47.36667, lon: 8.55 },
  timezone: 'Europe/Zurich',
  tags: ['city', 'lake', 'finance'],
};
