import Big from "big.js";
import type { Amount, Ratio } from "./types.ts";

/**
 * Money and ratios for display. Amounts stay decimal strings; sums and differences go through big.js
 * so a table's total is exact. Pure (no DOM), so it runs under node in unit tests.
 */

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string, compact: boolean): Intl.NumberFormat {
  const key = `${currency}:${compact}`;
  let format = moneyFormats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(undefined, {
        style: "currency",
        currency,
        ...(compact ? { notation: "compact", maximumFractionDigits: 1 } : {}),
      });
    } catch {
      // No currency (nothing matched) or an unknown code: plain digits, rather than a broken page.
      format = new Intl.NumberFormat(
        undefined,
        compact
          ? { notation: "compact", maximumFractionDigits: 1 }
          : { maximumFractionDigits: 2, minimumFractionDigits: 2 },
      );
    }
    moneyFormats.set(key, format);
  }
  return format;
}

/**
 * `1234.5` in EUR -> "€1,234.50". Intl formats from a decimal string exactly (no float rounding) when the
 * string is passed as is, which it accepts as a "string numeric literal".
 */
export function formatMoney(amount: Amount | null | undefined, currency: string | null): string {
  if (amount === null || amount === undefined || amount === "") return "—";
  const format = moneyFormat(currency ?? "", false);
  const text = format.format(amount as unknown as number);
  return format.resolvedOptions().style === "currency" || !currency ? text : `${text} ${currency}`;
}

/** Axis labels: "€12K". */
export function formatMoneyCompact(value: number, currency: string | null): string {
  return moneyFormat(currency ?? "", true).format(value);
}

/** A ratio of 0..1 (number or decimal string) as "42.5 %". */
export function formatShare(ratio: Ratio | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined || ratio === "") return "—";
  const value = Number(ratio);
  if (!Number.isFinite(value)) return "—";
  return `${(value * 100).toFixed(digits)} %`;
}

/** A value that is already a percentage (percentUsed, thresholds): 87.5 -> "87.5 %". */
export function formatPercent(percent: Ratio | null | undefined, digits = 1): string {
  if (percent === null || percent === undefined || percent === "") return "—";
  const value = Number(percent);
  return Number.isFinite(value) ? `${value.toFixed(digits)} %` : "—";
}

/** part / whole as a 0..1 float, for share columns and bar widths; 0 when the whole is zero. */
export function shareOf(part: Amount, whole: Amount): number {
  const w = new Big(whole || "0");
  if (w.eq(0)) return 0;
  return Number(new Big(part || "0").div(w).toPrecision(12));
}

/** The exact sum of decimal strings. */
export function sumAmounts(amounts: readonly Amount[]): string {
  return amounts.reduce((sum, a) => sum.plus(a || "0"), new Big(0)).toFixed();
}

export function subtractAmounts(a: Amount, b: Amount): string {
  return new Big(a || "0").minus(b || "0").toFixed();
}

export function isZero(amount: Amount): boolean {
  return new Big(amount || "0").eq(0);
}

/** Whether two decimal strings are the same amount ("10.50" and "10.5000" are). */
export function sameAmount(a: Amount, b: Amount): boolean {
  return new Big(a || "0").eq(b || "0");
}

/** The label of a group key; costs without a value for the dimension are "Unallocated". */
export function keyLabel(key: string | null | undefined): string {
  return isUnallocatedKey(key) ? "Unallocated" : (key as string);
}

export function isUnallocatedKey(key: string | null | undefined): boolean {
  return key === null || key === undefined || key === "" || key === "(unallocated)" || key === "unallocated";
}
