/**
 * The FOCUS columns opsdeck reads, from FOCUS 1.0 to 1.3, and what each becomes in the normalized rows
 * (the Parquet files). Columns a provider adds (`x_...`) and the ones not listed are dropped.
 */
export type ColumnType = "text" | "decimal" | "timestamp";

export interface FocusColumn {
  /** Normalized name in Parquet and DuckDB SQL. */
  name: string;
  /** FOCUS names, first preferred: 1.3 renamed ProviderName to ServiceProviderName. */
  focus: string[];
  type: ColumnType;
  mandatory: boolean;
}

const col = (name: string, focus: string | string[], type: ColumnType, mandatory = false): FocusColumn => ({
  name,
  focus: Array.isArray(focus) ? focus : [focus],
  type,
  mandatory,
});

export const focusColumns: FocusColumn[] = [
  col("billing_account_id", "BillingAccountId", "text", true),
  col("billing_account_name", "BillingAccountName", "text"),
  col("currency", "BillingCurrency", "text", true),
  col("billing_period_start", "BillingPeriodStart", "timestamp", true),
  col("billing_period_end", "BillingPeriodEnd", "timestamp", true),
  col("charge_period_start", "ChargePeriodStart", "timestamp", true),
  col("charge_period_end", "ChargePeriodEnd", "timestamp", true),
  col("charge_category", "ChargeCategory", "text", true),
  col("charge_class", "ChargeClass", "text"),
  col("charge_frequency", "ChargeFrequency", "text"),
  col("charge_description", "ChargeDescription", "text"),
  col("provider", ["ServiceProviderName", "ProviderName"], "text", true),
  col("service_name", "ServiceName", "text", true),
  col("service_category", "ServiceCategory", "text"),
  col("sub_account_id", "SubAccountId", "text"),
  col("sub_account_name", "SubAccountName", "text"),
  col("region", "RegionId", "text"),
  col("resource_id", "ResourceId", "text"),
  col("resource_name", "ResourceName", "text"),
  col("resource_type", "ResourceType", "text"),
  col("sku_id", "SkuId", "text"),
  col("pricing_category", "PricingCategory", "text"),
  col("pricing_unit", "PricingUnit", "text"),
  col("commitment_discount_id", "CommitmentDiscountId", "text"),
  col("commitment_discount_name", "CommitmentDiscountName", "text"),
  col("commitment_discount_status", "CommitmentDiscountStatus", "text"),
  col("commitment_discount_type", "CommitmentDiscountType", "text"),
  col("commitment_discount_category", "CommitmentDiscountCategory", "text"),
  col("tags", "Tags", "text"),
  col("billed_cost", "BilledCost", "decimal", true),
  col("effective_cost", "EffectiveCost", "decimal", true),
  col("list_cost", "ListCost", "decimal", true),
  col("contracted_cost", "ContractedCost", "decimal", true),
  col("list_unit_price", "ListUnitPrice", "decimal"),
  col("pricing_quantity", "PricingQuantity", "decimal"),
  col("consumed_quantity", "ConsumedQuantity", "decimal"),
];

/** Wide enough for any bill, exact to 10^-12 (FOCUS exports carry up to ~11 decimals). */
export const decimalType = "DECIMAL(38,12)";

/** Missing values as providers write them: the literal NULL (FOCUS sample), null (spec data) or empty. */
export const nullLiterals = ["NULL", "null", ""];

/** Which header each column comes from in one file; mandatory columns that are absent are named. */
export function mapHeader(header: string[]): { source: Map<string, string>; missing: string[] } {
  const present = new Map(header.map((h) => [h.replace(/^\uFEFF/, "").trim(), h]));
  const source = new Map<string, string>();
  const missing: string[] = [];
  for (const c of focusColumns) {
    const found = c.focus.find((f) => present.has(f));
    if (found) source.set(c.name, present.get(found) as string);
    else if (c.mandatory) missing.push(c.focus.join(" or "));
  }
  return { source, missing };
}
