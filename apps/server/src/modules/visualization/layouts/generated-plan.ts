import type { TPlantModel } from '@greenmes/contracts';

export interface GeneratedPlan {
  svg: string;
  width: number;
  height: number;
  /** each piece of equipment under the site, at fractions of the drawing */
  markers: Array<{ equipmentId: string; x: number; y: number }>;
}

const WIDTH = 1600;
const HEIGHT = 1000;
const MARGIN = 40;

const escapeXml = (s: string) =>
  s.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/**
 * A floor plan drawn from the factory model: the site's areas (workshops) as halls on a grid, each hall's
 * lines as bands across it, and every piece of equipment on the band of its line (work centers belong to
 * their line; equipment placed on the area itself gets a band of its own). Pure: the demo seed uploads it.
 */
export function generatePlan(model: TPlantModel, siteId: string): GeneratedPlan {
  const childrenOf = (id: string) => model.nodes.filter((n) => n.parentId === id);
  const areas = childrenOf(siteId).filter((n) => n.kind === 'area');
  const columns = Math.max(1, Math.ceil(Math.sqrt(areas.length)));
  const rows = Math.max(1, Math.ceil(areas.length / columns));
  const cellW = (WIDTH - MARGIN * 2) / columns;
  const cellH = (HEIGHT - MARGIN * 2) / rows;
  const parts: string[] = [];
  const markers: GeneratedPlan['markers'] = [];

  areas.forEach((area, i) => {
    const x = MARGIN + (i % columns) * cellW + 10;
    const y = MARGIN + Math.floor(i / columns) * cellH + 10;
    const w = cellW - 20;
    const h = cellH - 20;
    parts.push(
      `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="6" fill="#f5f7fa" stroke="#8c9bab" stroke-width="2"/>`,
      `<text x="${x + 12}" y="${y + 26}" font-size="20" font-family="sans-serif" fill="#34495e">${escapeXml(area.name)}</text>`,
    );
    const lines = childrenOf(area.id).filter((n) => n.kind === 'line');
    // a band per line, plus one for equipment placed on the area itself
    const bands = [
      ...lines.map((l) => ({ label: l.name, nodeIds: lineNodeIds(model, l.id) })),
      { label: '', nodeIds: [area.id] },
    ];
    const bandH = (h - 44) / bands.length;
    bands.forEach((band, b) => {
      const by = y + 40 + b * bandH;
      const equipment = model.equipment.filter((e) => band.nodeIds.includes(e.nodeId));
      if (band.label)
        parts.push(
          `<rect x="${x + 10}" y="${by}" width="${w - 20}" height="${bandH - 8}" fill="#e8eef5" stroke="#c3cfdb"/>`,
          `<text x="${x + 18}" y="${by + 16}" font-size="13" font-family="sans-serif" fill="#5d6d7e">${escapeXml(band.label)}</text>`,
        );
      equipment.forEach((e, k) => {
        const ex = x + 30 + ((k + 0.5) * (w - 60)) / equipment.length;
        const ey = by + (bandH - 8) / 2 + 6;
        markers.push({ equipmentId: e.id, x: round(ex / WIDTH), y: round(ey / HEIGHT) });
      });
    });
  });
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
  return { svg, width: WIDTH, height: HEIGHT, markers };
}

const round = (v: number) => Math.round(v * 10_000) / 10_000;

/** A line and the work centers under it. */
function lineNodeIds(model: TPlantModel, lineId: string): string[] {
  return [lineId, ...model.nodes.filter((n) => n.parentId === lineId).map((n) => n.id)];
}
