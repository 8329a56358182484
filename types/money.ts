// Money as people read it, the same on the phone and in the functions' messages: integer fen (分) →
// `4,500 元`, `12.50 元`. Shared so the server's notes and the app's screens never write money two ways.

/** 450000 → `4,500 元`, 1250 → `12.50 元`, -1 → `-0.01 元`. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = abs % 100;
  return `${sign}${yuan}${cents ? `.${String(cents).padStart(2, '0')}` : ''} 元`;
}
