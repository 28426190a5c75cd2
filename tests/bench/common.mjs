// Shared by the browser benchmarks: the bench copy of the build and the generated pages.
import { cpSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../e2e/harness.mjs';

/**
 * A copy of dist/chrome whose content script reports timings and whose worker reports the
 * time of each step and answers the floor's empty messages (their BENCH switches on).
 */
export function benchBuild() {
  const source = process.env.LINEKEEPER_DIST || join(ROOT, 'dist/chrome');
  const dir = join(ROOT, 'target/bench-ext/chrome');
  rmSync(dir, { recursive: true, force: true });
  cpSync(source, dir, { recursive: true });
  for (const file of ['content.js', 'background.js']) {
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    if (!text.includes('const BENCH = false;')) throw new Error(`${file} has no BENCH switch`);
    writeFileSync(path, text.replace('const BENCH = false;', 'const BENCH = true;'));
  }
  return dir;
}

/**
 * Activity rows making a page of about `nodes` DOM nodes (9 nodes a row, 60 for the rest):
 * what a carrier's usage and payment history holds — calls, texts, data sessions (with data
 * units) and payments (money, dates, a masked card number) — so the label words, units,
 * currency marks and masked numbers a scan looks for are all over the page, not only in
 * the account card.
 */
export function activityRows(nodes) {
  const rows = [];
  const row = (date, what, amount, note) =>
    `<li class="activity__row"><span class="activity__date">${date}</span><span class="activity__what">${what}</span><span class="activity__amount">${amount}</span><small>${note}</small></li>`;
  for (let i = 0; rows.length * 9 < nodes - 60; i++) {
    const day = `Oct ${1 + (i % 28)}`;
    switch (i % 4) {
      case 0:
        rows.push(row(day, `Call to (•••) •••-${String(1000 + (i % 9000))}`, `${(i % 60) + 1} min`, 'Included'));
        break;
      case 1:
        rows.push(row(day, 'Data session', `${(((i * 37) % 900) / 10 + 0.5).toFixed(1)} MB`, 'High-speed data'));
        break;
      case 2:
        rows.push(row(day, `Text to (•••) •••-${String(1000 + ((i * 7) % 9000))}`, '1 msg', 'Included'));
        break;
      default:
        rows.push(row(`${day}, 2026`, `Payment received · Visa ••••${String(1000 + (i % 9000))}`, `$${(20 + (i % 50)).toFixed(2)}`, 'Paid'));
    }
  }
  return rows.join('');
}

/** The account card both benchmarks read. */
export const ACCOUNT_CARD = '<section class="card"><h2>Your line</h2><div>Line <span>(•••) •••-4821</span></div><div class="plan">Prepaid Connect</div><div>High-Speed Data</div><p><span>3.42 GB</span> remaining of 5 GB</p><div class="kv"><span>Account balance</span><span>$0.00</span></div><div class="kv"><span>Plan renews</span><span>Dec 9, 2026</span></div></section>';

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
