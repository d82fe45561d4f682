/**
 * Renders resources/icons/app.svg (the one icon source) into every PNG, ICO and ICNS the
 * platforms need, plus the tray states (idle, in a call, held), with headless Chromium.
 * Run: npx tsx electron/tools/make-icons.ts   (needs a Chromium, like the browser tests)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../../test/e2e/browser';

const dir = join(process.cwd(), 'resources/icons');
const source = readFileSync(join(dir, 'app.svg'), 'utf8');
const STATES = { idle: '#9aa5b4', call: '#38d39f', held: '#b07cff' } as const;

const withStatus = (colour: string) => source.replace(/(<circle id="status"[^>]*fill=")[^"]+"/, `$1${colour}"`);

const browser = await launchChromium();
const page = await browser.newPage({ deviceScaleFactor: 1 });
async function render(svg: string, size: number): Promise<Buffer> {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
  );
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}

const appSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const appPngs = new Map<number, Buffer>();
for (const size of appSizes) appPngs.set(size, await render(withStatus(STATES.call), size));
mkdirSync(join(dir, 'png'), { recursive: true });
for (const [size, png] of appPngs) writeFileSync(join(dir, 'png', `${size}x${size}.png`), png);
writeFileSync(join(dir, 'app.png'), appPngs.get(512)!);
for (const [state, colour] of Object.entries(STATES)) {
  writeFileSync(join(dir, `tray-${state}.png`), await render(withStatus(colour), 16));
  writeFileSync(join(dir, `tray-${state}@2x.png`), await render(withStatus(colour), 32));
}
await browser.close();

/** ICO with PNG entries (Vista and later read them). */
function ico(images: [number, Buffer][]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const entries: Buffer[] = [];
  let offset = 6 + 16 * images.length;
  for (const [size, png] of images) {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(entry);
  }
  return Buffer.concat([header, ...entries, ...images.map(([, png]) => png)]);
}

/** ICNS with PNG entries of the standard types. */
function icns(types: [string, Buffer][]): Buffer {
  const chunks = types.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((sum, chunk) => sum + chunk.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

const png = (size: number) => appPngs.get(size)!;
writeFileSync(join(dir, 'app.ico'), ico([16, 24, 32, 48, 64, 128, 256].map((size) => [size, png(size)])));
writeFileSync(
  join(dir, 'app.icns'),
  icns([
    ['icp4', png(16)],
    ['icp5', png(32)],
    ['icp6', png(64)],
    ['ic07', png(128)],
    ['ic08', png(256)],
    ['ic09', png(512)],
    ['ic10', png(1024)],
  ]),
);
writeFileSync(join(process.cwd(), 'resources/public/icon.svg'), withStatus(STATES.call));
console.log(`icons written to ${dir}`);
