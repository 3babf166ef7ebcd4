import crypto from 'node:crypto';
import type { CaptchaDto } from '@zhichan/shared';
import type { Deps } from '../../deps';
import { randomToken } from '../../lib/crypto';

/**
 * A self-hosted image captcha, asked for after repeated submissions from one address (no external service).
 * The characters are drawn as jittered pen strokes (SVG paths), not as SVG <text>: text elements would carry the
 * answer in the markup for any script to read.
 */

/** No look-alikes (0/O, 1/I/L). */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const TTL_MS = 5 * 60_000;

type Stroke = number[];
/** A tiny stroke font on a 4 × 6 grid: each glyph is a list of polylines (x0, y0, x1, y1, …). */
const GLYPHS: Record<string, Stroke[]> = {
  '2': [[0, 1, 1, 0, 3, 0, 4, 1, 4, 2, 0, 6, 4, 6]],
  '3': [[0, 0, 4, 0, 2, 2.5, 3.5, 3, 4, 4.5, 3, 6, 1, 6, 0, 5]],
  '4': [[3, 6, 3, 0, 0, 4, 4, 4]],
  '5': [[4, 0, 0, 0, 0, 2.5, 3, 2.5, 4, 3.5, 4, 5, 3, 6, 0, 6]],
  '6': [[3.5, 0, 1, 1, 0, 3.5, 0, 5, 1, 6, 3, 6, 4, 5, 4, 4, 3, 3, 0, 3.5]],
  '7': [[0, 0, 4, 0, 1.5, 6]],
  '8': [[2, 3, 0.5, 2, 0.5, 1, 1.5, 0, 2.5, 0, 3.5, 1, 3.5, 2, 2, 3, 0, 4.5, 1, 6, 3, 6, 4, 4.5, 2, 3]],
  '9': [[4, 2.5, 3, 3, 1, 3, 0, 2, 0, 1, 1, 0, 3, 0, 4, 1, 4, 3, 3, 5, 1, 6]],
  A: [[0, 6, 2, 0, 4, 6], [1, 3.6, 3, 3.6]],
  B: [[0, 0, 0, 6, 3, 6, 4, 5, 4, 4, 3, 3, 0, 3], [0, 0, 3, 0, 3.7, 0.8, 3.7, 2.2, 3, 3]],
  C: [[4, 1, 3, 0, 1, 0, 0, 1.5, 0, 4.5, 1, 6, 3, 6, 4, 5]],
  D: [[0, 0, 0, 6, 2.5, 6, 4, 4.5, 4, 1.5, 2.5, 0, 0, 0]],
  E: [[4, 0, 0, 0, 0, 6, 4, 6], [0, 3, 3, 3]],
  F: [[4, 0, 0, 0, 0, 6], [0, 3, 3, 3]],
  G: [[4, 1, 3, 0, 1, 0, 0, 1.5, 0, 4.5, 1, 6, 3, 6, 4, 5, 4, 3.5, 2.5, 3.5]],
  H: [[0, 0, 0, 6], [4, 0, 4, 6], [0, 3, 4, 3]],
  J: [[1, 0, 4, 0], [3, 0, 3, 5, 2, 6, 1, 6, 0, 5]],
  K: [[0, 0, 0, 6], [4, 0, 0, 3.5], [1.3, 2.7, 4, 6]],
  M: [[0, 6, 0, 0, 2, 3.5, 4, 0, 4, 6]],
  N: [[0, 6, 0, 0, 4, 6, 4, 0]],
  P: [[0, 6, 0, 0, 3, 0, 4, 1, 4, 2, 3, 3, 0, 3]],
  Q: [[1, 0, 3, 0, 4, 1.5, 4, 4.5, 3, 6, 1, 6, 0, 4.5, 0, 1.5, 1, 0], [2.5, 4.5, 4, 6.3]],
  R: [[0, 6, 0, 0, 3, 0, 4, 1, 4, 2, 3, 3, 0, 3], [2, 3, 4, 6]],
  S: [[4, 1, 3, 0, 1, 0, 0, 1, 0, 2, 1, 3, 3, 3, 4, 4, 4, 5, 3, 6, 1, 6, 0, 5]],
  T: [[0, 0, 4, 0], [2, 0, 2, 6]],
  U: [[0, 0, 0, 5, 1, 6, 3, 6, 4, 5, 4, 0]],
  V: [[0, 0, 2, 6, 4, 0]],
  W: [[0, 0, 1, 6, 2, 2.5, 3, 6, 4, 0]],
  X: [[0, 0, 4, 6], [4, 0, 0, 6]],
  Y: [[0, 0, 2, 3, 4, 0], [2, 3, 2, 6]],
  Z: [[0, 0, 4, 0, 0, 6, 4, 6]],
};

function rand(min: number, max: number): number {
  return min + (crypto.randomInt(0, 1_000_000) / 1_000_000) * (max - min);
}

const r1 = (n: number) => Math.round(n * 10) / 10;

export function randomCaptchaText(length = 5): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[crypto.randomInt(0, ALPHABET.length)];
  return s;
}

/** Draws the text as an SVG: jittered strokes per glyph, random rotation and offsets, noise lines and dots. */
export function captchaSvg(text: string): string {
  const width = 36 + text.length * 26;
  const height = 50;
  const parts: string[] = [];
  parts.push(`<rect width="${width}" height="${height}" fill="#f4f6f8"/>`);
  for (let i = 0; i < 30; i++) {
    parts.push(`<circle cx="${r1(rand(0, width))}" cy="${r1(rand(0, height))}" r="${r1(rand(0.6, 1.6))}" fill="#${['9aa5b1', 'b0bec5', '8d99ae'][i % 3]}"/>`);
  }
  const colours = ['#1d3557', '#2b2d42', '#3a0ca3', '#7b2cbf', '#9d0208', '#005f73', '#386641'];
  Array.from(text).forEach((ch, i) => {
    const strokes = GLYPHS[ch] ?? [];
    const sx = rand(4.2, 5.2);
    const sy = rand(5, 5.8);
    const cx = 22 + i * 26 + rand(-3, 3);
    const cy = height / 2 + rand(-4, 4);
    const angle = rand(-28, 28);
    const d = strokes
      .map((pts) => {
        const seg: string[] = [];
        for (let k = 0; k < pts.length; k += 2) {
          const x = cx + (pts[k]! - 2 + rand(-0.22, 0.22)) * sx;
          const y = cy + (pts[k + 1]! - 3 + rand(-0.22, 0.22)) * sy;
          seg.push(`${k === 0 ? 'M' : 'L'}${r1(x)} ${r1(y)}`);
        }
        return seg.join('');
      })
      .join('');
    const colour = colours[crypto.randomInt(0, colours.length)];
    parts.push(
      `<path d="${d}" transform="rotate(${r1(angle)} ${r1(cx)} ${r1(cy)})" fill="none" stroke="${colour}" stroke-width="${r1(rand(2.4, 3.2))}" stroke-linecap="round" stroke-linejoin="round"/>`,
    );
  });
  for (let i = 0; i < 5; i++) {
    const y1 = rand(5, height - 5);
    const y2 = rand(5, height - 5);
    parts.push(
      `<path d="M${r1(rand(0, 10))} ${r1(y1)}Q${r1(rand(width * 0.3, width * 0.7))} ${r1(rand(0, height))} ${r1(rand(width - 10, width))} ${r1(y2)}" fill="none" stroke="${colours[i % colours.length]}" stroke-opacity="0.55" stroke-width="${r1(rand(1, 1.8))}"/>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="图形验证码">${parts.join('')}</svg>`;
}

function answerHash(deps: Deps, id: string, answer: string): string {
  return deps.cipher.keyedHash(`captcha:${id}:${answer.trim().toUpperCase()}`);
}

/** A new challenge; only the keyed hash of the answer is stored. Old challenges are swept a day after expiry. */
export async function createCaptcha(deps: Deps, ip: string | null, text = randomCaptchaText()): Promise<CaptchaDto> {
  const id = randomToken(16);
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + TTL_MS).toISOString();
  await deps.db.deleteFrom('captchaChallenges').where('expiresAt', '<', new Date(now.getTime() - 86_400_000).toISOString()).execute();
  await deps.db.insertInto('captchaChallenges').values({ id, answerHash: answerHash(deps, id, text), ip, createdAt: now.toISOString(), expiresAt }).execute();
  return { id, svg: captchaSvg(text), expiresAt };
}

/**
 * Uses up a challenge (right or wrong: one guess per image) and tells whether the answer was right and in time.
 * Runs on its own, before the submission's transaction, so a wrong guess is spent even when the request fails.
 */
export async function consumeCaptcha(deps: Deps, id: string | null | undefined, answer: string | null | undefined): Promise<boolean> {
  if (!id || !answer) return false;
  const now = deps.clock.now().toISOString();
  const row = await deps.db
    .updateTable('captchaChallenges')
    .set({ usedAt: now })
    .where('id', '=', id)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .returning('answerHash')
    .executeTakeFirst();
  if (!row) return false;
  const expected = Buffer.from(row.answerHash);
  const given = Buffer.from(answerHash(deps, id, answer));
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}
