/** A plain SVG bar chart of requests/s: one group per route and mode, one bar per server. */
export function barChart(
  rows: Array<{ route: string; mode: string; server: string; requestsPerSec: number }>,
): string {
  const groups = [...new Set(rows.map((r) => `${r.route} (${r.mode})`))];
  const servers = [...new Set(rows.map((r) => r.server))];
  const colors = ['#888888', '#2b7bb9', '#e0a030', '#c0392b'];
  const max = Math.max(...rows.map((r) => r.requestsPerSec));
  const barWidth = 26;
  const groupWidth = servers.length * barWidth + 40;
  const height = 320;
  const chartTop = 40;
  const chartHeight = 220;
  const width = 80 + groups.length * groupWidth + 40;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + 20 * servers.length}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="20" font-size="14">Requests per second (higher is better)</text>`,
  ];
  groups.forEach((group, g) => {
    const x0 = 80 + g * groupWidth;
    servers.forEach((server, s) => {
      const row = rows.find((r) => `${r.route} (${r.mode})` === group && r.server === server);
      if (!row) return;
      const h = (row.requestsPerSec / max) * chartHeight;
      const x = x0 + s * barWidth;
      const y = chartTop + chartHeight - h;
      parts.push(
        `<rect x="${x}" y="${y.toFixed(1)}" width="${barWidth - 4}" height="${h.toFixed(1)}" fill="${colors[s % colors.length]}"/>`,
      );
      parts.push(
        `<text x="${x + 2}" y="${(y - 3).toFixed(1)}" font-size="8">${Math.round(row.requestsPerSec / 1000)}k</text>`,
      );
    });
    parts.push(`<text x="${x0}" y="${chartTop + chartHeight + 16}">${escape(group)}</text>`);
  });
  servers.forEach((server, s) => {
    const y = height + 20 * s - 20;
    parts.push(
      `<rect x="80" y="${y - 9}" width="10" height="10" fill="${colors[s % colors.length]}"/>`,
    );
    parts.push(`<text x="96" y="${y}">${escape(server)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
