// Generated from schema/*.schema.json by tests/js/gen-types.mjs. Do not edit.
/**
 * What it groups by.
 */
export type By = "area" | "department" | "kind" | "requester" | "channel" | "site" | "outcome";
/**
 * The unit.
 */
export type Unit = "arbejdsdage" | "dage" | "uger" | "maaneder" | "aar";
/**
 * Whose time limit it is.
 */
export type Party = "myndighed" | "borger";
/**
 * What was done.
 */
export type ActionKind = string;
/**
 * How the inquiry arrived.
 */
export type Channel = string;
/**
 * What kind of help it got.
 */
export type Kind = string;
/**
 * How the inquiry ended (udfald): a code of the profile's outcomes,
 * e.g. `afklaret`, `klage_indgivet`.
 */
export type Outcome = string;
/**
 * Who made the inquiry.
 */
export type Requester = string;
/**
 * Primary category only, or every category an inquiry concerns.
 */
export type Counting = "primary" | "every";
/**
 * What it decides.
 */
export type Decide =
  | "handle"
  | {
      forward: {
        /**
         * Forward to the municipality the citizen lives in (the acting
         * municipality, handlekommune, retssikkerhedsloven § 9, stk. 1): when
         * that is the taxonomy's own municipality, or not a municipality of
         * the catalogue, to the unit of the inquiry's category; otherwise to
         * that municipality. Not together with `to`.
         */
        residence?: boolean;
        /**
         * A taxonomy code (a unit of the municipality) or the code of an
         * authority of the national catalogue (`udbetaling-danmark`,
         * `varde`); none means the unit of the inquiry's own category.
         */
        to?: string | null;
      };
    }
  | {
      refer: {
        /**
         * Where: a destination of the profile's code list.
         */
        to: string;
      };
    }
  | {
      decline: {
        reason: Label10;
      };
    };
/**
 * What kind of help the inquiry got (henvendelsestype): a code of the
 * profile's kinds, e.g. `vejledning`, `klage`.
 */
export type Kind1 = string;
/**
 * Whether this is an ordinary area or a special bucket.
 */
export type Bucket = "ordinaer" | "tvaergaaende" | "udenfor_omraade";
/**
 * How the breakdowns count inquiries that concern several units.
 */
export type Counting1 = "primary" | "every";
/**
 * When it falls.
 */
export type DayRule =
  | {
      fixed: {
        /**
         * Day of the month.
         */
        day: number;
        /**
         * Month, 1–12.
         */
        month: number;
      };
    }
  | {
      easter: {
        /**
         * Days from Easter Sunday.
         */
        offset: number;
      };
    }
  | {
      date: {
        /**
         * The day.
         */
        date: string;
      };
    };
/**
 * The state of a deadline on a given day.
 */
export type Status =
  | {
      status: "running";
      /**
       * Working days left after today, up to and including the due day.
       */
      working_days_left: number;
    }
  | {
      status: "due_today";
    }
  | {
      /**
       * Calendar days since the due date.
       */
      days: number;
      status: "overdue";
      /**
       * Working days since the due date.
       */
      working_days: number;
    };
/**
 * What a breakdown (fordeling) groups by.
 */
export type By1 = "area" | "department" | "kind" | "requester" | "channel" | "site" | "outcome";
/**
 * Whose time limit a rule is.
 */
export type Party1 = "myndighed" | "borger";
/**
 * The unit of a period.
 */
export type Unit1 = "arbejdsdage" | "dage" | "uger" | "maaneder" | "aar";
/**
 * Whose time limit a rule is.
 */
export type Party2 = "myndighed" | "borger";
/**
 * What the advisor did (handling): a code of the profile's action
 * kinds, e.g. `vejledt`, `dialogmoede`.
 */
export type ActionKind1 = string;
/**
 * How the inquiry reached the advisor (kanal): a code of the profile's
 * channels, e.g. `telefon`, `digital_post`.
 */
export type Channel1 = string;
/**
 * Who made the inquiry (henvender): a code of the profile's requesters,
 * e.g. `borger`, `paaroerende`.
 */
export type Requester1 = string;
/**
 * What an area stands for in the statistics.
 */
export type Bucket1 = "ordinaer" | "tvaergaaende" | "udenfor_omraade";
/**
 * Whether the tables count an inquiry under its primary category only or
 * under every category it concerns (optælling).
 */
export type Counting2 = "primary" | "every";
/**
 * What a rule decides.
 */
export type Decide1 =
  | "handle"
  | {
      forward: {
        /**
         * Forward to the municipality the citizen lives in (the acting
         * municipality, handlekommune, retssikkerhedsloven § 9, stk. 1): when
         * that is the taxonomy's own municipality, or not a municipality of
         * the catalogue, to the unit of the inquiry's category; otherwise to
         * that municipality. Not together with `to`.
         */
        residence?: boolean;
        /**
         * A taxonomy code (a unit of the municipality) or the code of an
         * authority of the national catalogue (`udbetaling-danmark`,
         * `varde`); none means the unit of the inquiry's own category.
         */
        to?: string | null;
      };
    }
  | {
      refer: {
        /**
         * Where: a destination of the profile's code list.
         */
        to: string;
      };
    }
  | {
      decline: {
        reason: Label10;
      };
    };
/**
 * How a non-working day of a regime falls.
 */
export type DayRule1 =
  | {
      fixed: {
        /**
         * Day of the month.
         */
        day: number;
        /**
         * Month, 1–12.
         */
        month: number;
      };
    }
  | {
      easter: {
        /**
         * Days from Easter Sunday.
         */
        offset: number;
      };
    }
  | {
      date: {
        /**
         * The day.
         */
        date: string;
      };
    };

export interface BorgerraadTypes {
  Breakdown?: Breakdown;
  Rule?: Rule;
  Decision?: Decision;
  ErasureReceipt?: ErasureReceipt;
  Holiday?: Holiday;
  Inquiry?: Inquiry;
  LoadReport?: LoadReport;
  MonthlyReport?: MonthlyReport;
  MonthlyTable?: MonthlyTable;
  ProcessingDeadlines?: ProcessingDeadlines;
  ProfileDef?: ProfileDef;
  PublishedReport?: PublishedReport;
  PublishedTable?: PublishedTable;
  Rectification?: Rectification;
  Regime?: Regime;
  RuleSetDef?: RuleSetDef1;
  Status?: Status;
  TaxonomyDef?: TaxonomyDef1;
  YearSummary?: YearSummary;
  BreakdownRow?: BreakdownRow;
  By?: By1;
  Label?: Label4;
  Party?: Party1;
  Period?: Period;
  Unit?: Unit1;
  Receipt?: Receipt;
  Skipped?: Skipped;
  Trace?: Trace;
  Action?: Action;
  ActionKind?: ActionKind1;
  Channel?: Channel1;
  Consent?: Consent;
  Kind?: Kind1;
  Outcome?: Outcome;
  Referral?: Referral;
  Requester?: Requester1;
  ColumnUse?: ColumnUse;
  Reason?: Reason;
  RejectedRow?: RejectedRow;
  SkippedRow?: SkippedRow;
  Unmapped?: Unmapped;
  MonthlyRow?: MonthlyRow;
  ServiceArea?: ServiceArea;
  Area?: Area;
  Bucket?: Bucket1;
  CodeDef?: CodeDef;
  CodeListsDef?: CodeListsDef1;
  Counting?: Counting2;
  Decide?: Decide1;
  Department?: Department;
  Derive?: Derive1;
  Entry?: Entry;
  ImportDef?: ImportDef1;
  Levels?: Levels1;
  RuleDef?: RuleDef;
  When?: When1;
  Words?: Words1;
  PublishedSummary?: PublishedSummary;
  DayRule?: DayRule1;
  NonWorkingDay?: NonWorkingDay;
  Count?: Count;
}
/**
 * A breakdown (fordeling) of one year's registrations.
 */
export interface Breakdown {
  by: By;
  /**
   * Rows, largest first.
   */
  rows: BreakdownRow[];
  /**
   * All registrations of the year.
   */
  total: number;
  /**
   * The year.
   */
  year: number;
}
/**
 * One row of a breakdown.
 */
export interface BreakdownRow {
  /**
   * The code grouped by.
   */
  code: string;
  /**
   * Registrations.
   */
  count: number;
  label: Label;
  /**
   * Percent of all registrations of the year.
   */
  percent: number;
}
/**
 * Its labels.
 */
export interface Label {
  /**
   * Danish.
   */
  da: string;
  /**
   * English.
   */
  en: string;
}
/**
 * A deadline rule (frist) and where it comes from.
 */
export interface Rule {
  /**
   * The rule's code, e.g. `klage-social`.
   */
  code: string;
  /**
   * The whole period when the deadline is extended, for rules that allow
   * it (GDPR: 1 month, extendable to 3).
   */
  extended?: Period | null;
  label: Label1;
  party: Party;
  period: Period1;
  /**
   * The built-in regime (see [`crate::calendar::Regime`]) whose working
   * days the rule counts and rolls forward over, when no other calendar is
   * given.
   */
  regime: string;
  regime_basis: Label2;
  /**
   * Whether an end on a non-working day moves to the next working day.
   */
  roll_forward?: boolean;
  /**
   * The legal source, e.g. "retssikkerhedsloven § 67".
   */
  source: string;
}
/**
 * A length of time.
 */
export interface Period {
  /**
   * How many units.
   */
  n: number;
  unit: Unit;
}
/**
 * What the deadline is for.
 */
export interface Label1 {
  /**
   * Danish.
   */
  da: string;
  /**
   * English.
   */
  en: string;
}
/**
 * A length of time.
 */
export interface Period1 {
  /**
   * How many units.
   */
  n: number;
  unit: Unit;
}
/**
 * Why the rule uses that regime.
 */
export interface Label2 {
  /**
   * Danish.
   */
  da: string;
  /**
   * English.
   */
  en: string;
}
/**
 * The decision for one inquiry.
 */
export interface Decision {
  /**
   * The legal basis.
   */
  basis: string;
  /**
   * `handle`, `forward`, `refer` or `decline`.
   */
  decision: string;
  explanation: Label3;
  /**
   * Why it is declined.
   */
  reason?: Label4 | null;
  /**
   * The id of the rule that decided.
   */
  rule: string;
  /**
   * Where to forward or refer.
   */
  to?: string | null;
}
/**
 * The explanation for the citizen.
 */
export interface Label3 {
  /**
   * Danish.
   */
  da: string;
  /**
   * English.
   */
  en: string;
}
/**
 * A pair of labels, Danish and English.
 */
export interface Label4 {
  /**
   * Danish.
   */
  da: string;
  /**
   * English.
   */
  en: string;
}
/**
 * A receipt for an erasure (sletning) under GDPR art. 17.
 */
export interface ErasureReceipt {
  /**
   * The legal basis.
   */
  basis: string;
  /**
   * How many records were erased.
   */
  count: number;
  /**
   * How many rectification entries about them were erased with them: the
   * entries of their records, and those of other records that held their
   * key as the previous `citizen` (the key is taken out of these).
   */
  history_entries: number;
  /**
   * The ids of the erased records.
   */
  ids: string[];
  /**
   * The day of the erasure.
   */
  on: string;
}
/**
 * A day off with its name.
 */
export interface Holiday {
  /**
   * The day.
   */
  date: string;
  name: Label5;
  /**
   * Whether it is a public holiday (helligdag), rather than a day the
   * regime adds.
   */
  public: boolean;
}
/**
 * A pair of labels, Danish and English.
 */
export interface Label5 {
  /**
   * Danish.
   */
  da: string;
  /**
   * English.
   */
  en: string;
}
/**
 * One inquiry (henvendelse): the record format of the register.
 *
 * The JSON form is one object per line (JSON Lines); unknown fields are
 * refused, so a stray `cpr` column can never slip in.
 *
 * # Example
 * ```
 * use borgerraad_core::Inquiry;
 * let line = r#"{"id":"EX-1","citizen":"kxqbvd","received":"2022-03-01",
 *   "municipality":"esbjerg","channel":"telefon","requester":"borger",
 *   "kind":"vejledning","category":"borger-arbejdsmarked/jobcenter"}"#;
 * let inquiry: Inquiry = serde_json::from_str(line).unwrap();
 * assert_eq!(inquiry.category, "borger-arbejdsmarked/jobcenter");
 * assert!(inquiry.topics.is_empty());
 * ```
 */
export interface Inquiry {
  /**
   * What the advisor did.
   */
  actions?: Action[];
  /**
   * The primary category: a taxonomy code such as
   * `borger-arbejdsmarked/jobcenter`.
   */
  category: string;
  channel: Channel;
  /**
   * Pseudonymous citizen key (never a CPR number); one key per person.
   */
  citizen: string;
  /**
   * The day the inquiry was closed, if it is.
   */
  closed?: string | null;
  /**
   * The citizen's consent to contact the municipality.
   */
  consent?: Consent | null;
  /**
   * Unique id of the registration, printable ASCII.
   */
  id: string;
  kind: Kind;
  /**
   * The date of the municipal decision or case the inquiry concerns, if
   * known; referral rules use it for the age of the matter.
   */
  matter_date?: string | null;
  /**
   * The citizen's municipality of residence, as a code (`esbjerg`, `fanoe`).
   */
  municipality: string;
  /**
   * Further categories the inquiry concerns, when it concerns more than
   * one unit (a statement about three centres, say). Whether tables count
   * them is the profile's counting rule.
   */
  other_categories?: string[];
  /**
   * How it ended.
   */
  outcome?: Outcome | null;
  /**
   * The day the inquiry was received.
   */
  received: string;
  /**
   * Where it was forwarded or referred.
   */
  referral?: Referral | null;
  requester: Requester;
  /**
   * The outreach site, as a code of the taxonomy's sites (`varmestuen`).
   */
  site?: string | null;
  /**
   * Subject codes, e.g. `sygedagpenge`.
   */
  topics?: string[];
}
/**
 * One thing the advisor did, and when.
 */
export interface Action {
  /**
   * The day it was done.
   */
  date: string;
  kind: ActionKind;
}
/**
 * The citizen's consent (samtykke) to contact the municipality.
 */
export interface Consent {
  /**
   * The day consent was given.
   */
  given: string;
}
/**
 * Where the inquiry was forwarded or referred (henvisning).
 */
export interface Referral {
  /**
   * The legal basis as a code, e.g. `fvl-7-2` for forvaltningsloven § 7, stk. 2.
   */
  basis: string;
  /**
   * The target: a taxonomy code (forwarding inside the municipality), an
   * authority or a referral destination code (see `referral::Destination`).
   */
  to: string;
}
/**
 * What a load (or a dry run, [`crate::import::check`]) of an office's
 * register found. Rows are the numbers Excel shows (a workbook) or the
 * lines of the file (CSV, JSON Lines); columns are named by their headers.
 *
 * Its JSON form (`serde_json::to_value`) is what the bindings return.
 */
export interface LoadReport {
  /**
   * Each column of the sheet and the field it gives (none: not read).
   */
  columns: ColumnUse[];
  /**
   * What the file holds, told by its content: `jsonl`, `csv` or `xlsx`.
   */
  format: string;
  /**
   * The row (line) of the header, for a sheet.
   */
  header_row?: number | null;
  /**
   * The records loaded (a dry run: that would be loaded).
   */
  loaded: number;
  /**
   * The rejections grouped by reason, largest group first.
   */
  reasons: Reason[];
  /**
   * The rows refused, each with its first fault, in row order.
   */
  rejected: RejectedRow[];
  /**
   * The rows of data read (not counting those skipped).
   */
  rows: number;
  /**
   * The worksheet read, for a workbook.
   */
  sheet?: string | null;
  /**
   * The rows skipped, and why: blank rows, total rows, the profile's
   * rows to skip.
   */
  skipped: SkippedRow[];
  /**
   * The file or source name.
   */
  source: string;
  /**
   * Per column, the values that map to nothing, with counts; most
   * frequent first.
   */
  unmapped: Unmapped[];
  /**
   * What loaded but makes figures unreliable, e.g. citizen keys that
   * look like initials.
   */
  warnings: string[];
}
/**
 * A column of the sheet.
 */
export interface ColumnUse {
  /**
   * The field it gives, or `None` when no field is read from it.
   */
  field?: string | null;
  /**
   * The header as written.
   */
  header: string;
}
/**
 * The rejections that share a reason.
 */
export interface Reason {
  /**
   * How many rows.
   */
  count: number;
  /**
   * The reason, e.g. `"Dato": not a date`.
   */
  reason: string;
  /**
   * The first rows (at most 10).
   */
  rows: number[];
}
/**
 * A row refused.
 */
export interface RejectedRow {
  /**
   * The header of the column at fault, if one is.
   */
  column?: string | null;
  /**
   * The whole error message, locating the cell.
   */
  message: string;
  /**
   * What the report groups it under, e.g. `"Kanal": a value that is not
   * a channel`.
   */
  reason: string;
  /**
   * The row (line), if the input has rows.
   */
  row?: number | null;
}
/**
 * A row set aside.
 */
export interface SkippedRow {
  /**
   * Why: `blank row`, `total row ("I alt")`, or the profile's rule.
   */
  reason: string;
  /**
   * The row (line).
   */
  row: number;
}
/**
 * A value of one column that maps to nothing.
 */
export interface Unmapped {
  /**
   * The column's header.
   */
  column: string;
  /**
   * In how many rows.
   */
  count: number;
  /**
   * The field it gives.
   */
  field: string;
  /**
   * The first rows it is in (at most 5).
   */
  rows: number[];
  /**
   * The value as written (a CPR-shaped number masked, cut short).
   */
  value: string;
}
/**
 * The monthly table with its totals and means, ready to show.
 */
export interface MonthlyReport {
  /**
   * Twelve months, then the totals ("I alt") and means ("Gennemsnit").
   */
  rows: MonthlyRow[];
  /**
   * The years, one column each.
   */
  years: number[];
}
/**
 * One row of the monthly table: a month, "I alt" or "Gennemsnit".
 */
export interface MonthlyRow {
  /**
   * The row's label in the chosen language.
   */
  label: string;
  /**
   * The values as the report prints them (`47,75` in Danish).
   */
  text: string[];
  /**
   * One value per year.
   */
  values: number[];
}
/**
 * Registrations by month (rows) and year (columns), with the totals row
 * "I alt" and the means row "Gennemsnit", as the annual report prints them.
 */
export interface MonthlyTable {
  /**
   * For each year, the counts of January to December.
   */
  counts: [number, number, number, number, number, number, number, number, number, number, number, number][];
  /**
   * The years, one column each.
   */
  years: number[];
}
/**
 * The processing deadlines a municipal council sets and publishes per
 * service area (retssikkerhedsloven § 3, stk. 2). They differ between
 * municipalities, so they are configuration.
 */
export interface ProcessingDeadlines {
  /**
   * The service areas.
   */
  areas: ServiceArea[];
  /**
   * Where the table was published, e.g. the council's decision.
   */
  source: string;
}
/**
 * One processing deadline (sagsbehandlingsfrist) of a service area.
 */
export interface ServiceArea {
  /**
   * The taxonomy code the deadline applies to, and to everything under it.
   */
  category: string;
  label: Label6;
  period: Period2;
}
/**
 * A pair of labels, Danish and English.
 */
export interface Label6 {
  /**
   * Danish.
   */
  da: string;
  /**
   * English.
   */
  en: string;
}
/**
 * A length of time.
 */
export interface Period2 {
  /**
   * How many units.
   */
  n: number;
  unit: Unit;
}
/**
 * The JSON form of a profile.
 */
export interface ProfileDef {
  codes?: CodeListsDef;
  counting?: Counting;
  /**
   * Deadline rule code → calendar regime, where the office computes a
   * rule on another regime than the law's own (see `deadline`).
   */
  deadline_regimes?: {
    [k: string]: string | undefined;
  };
  /**
   * Counts from 1 to this are hidden when published (default 5).
   */
  disclosure_threshold?: number;
  /**
   * The profile's id, a code, e.g. `esbjerg`.
   */
  id: string;
  import?: ImportDef;
  label: Label8;
  rules: RuleSetDef;
  /**
   * The published report the profile was built from: title, year and
   * where it was read.
   */
  source: string;
  taxonomy: TaxonomyDef;
  words: Words;
}
/**
 * The entries the office adds to the national base code lists.
 */
export interface CodeListsDef {
  /**
   * What the advisor did (handlinger).
   */
  action_kinds?: CodeDef[];
  /**
   * Channels (kanaler).
   */
  channels?: CodeDef[];
  /**
   * Where matters outside the remit are referred (henvisningssteder).
   */
  destinations?: CodeDef[];
  /**
   * Kinds of inquiry (henvendelsestyper).
   */
  kinds?: CodeDef[];
  /**
   * Outcomes (udfald).
   */
  outcomes?: CodeDef[];
  /**
   * Who made the inquiry (henvendere).
   */
  requesters?: CodeDef[];
}
/**
 * One entry of a code list: a code and its labels.
 */
export interface CodeDef {
  /**
   * The stable ASCII code, e.g. `vejledning`.
   */
  code: string;
  label: Label7;
  /**
   * Channels only: whether inquiries by this channel are written, which
   * is what forwarding under forvaltningsloven § 7, stk. 2 covers.
   */
  written?: boolean;
}
/**
 * A pair of labels, Danish and English.
 */
export interface Label7 {
  /**
   * Danish.
   */
  da: string;
  /**
   * English.
   */
  en: string;
}
/**
 * How the office's own sheet becomes records: its headers, its
 * words for codes, defaults, rows to skip (see `import`).
 */
export interface ImportDef {
  /**
   * Field → the headers a sheet may give its column, e.g. `"received":
   * ["Dato", "Modtaget"]`. A field's own name is always one of them.
   */
  columns?: {
    [k: string]: string[] | undefined;
  };
  /**
   * Field → the code used when the sheet has no column for it or leaves
   * the cell empty, e.g. `"municipality": "esbjerg"`.
   */
  defaults?: {
    [k: string]: string | undefined;
  };
  derive?: Derive;
  /**
   * Header → the values that mark a row as not a registration, e.g.
   * `"Status": ["Annulleret"]`. Such rows are skipped and reported.
   */
  skip?: {
    [k: string]: string[] | undefined;
  };
  /**
   * Field → what a sheet writes → the code it means, for values that
   * are neither a code nor a label, e.g. `"channel": {"Mail": "email"}`.
   */
  values?: {
    [k: string]:
      | {
          [k: string]: string | undefined;
        }
      | undefined;
  };
  /**
   * Word → the word a label uses instead, e.g. `"og": "&"`, so that
   * "Børn og Kultur" is the area "Børn & Kultur".
   */
  words?: {
    [k: string]: string | undefined;
  };
}
/**
 * The legal bases of derived referrals.
 */
export interface Derive {
  /**
   * The basis of a forwarding inside the municipality: a `referral`
   * cell that names a unit of the taxonomy, or the kind forwarding
   * without one (then to the inquiry's category). Forvaltningsloven
   * § 7, stk. 2: `fvl-7-2`.
   */
  forwarding_basis?: string;
  /**
   * The basis of a referral to one of the code list's referral
   * destinations (henvisningssteder), e.g. `vedtaegt` (the advisor's
   * statute).
   */
  referral_basis?: string;
}
/**
 * A pair of labels, Danish and English.
 */
export interface Label8 {
  /**
   * Danish.
   */
  da: string;
  /**
   * English.
   */
  en: string;
}
/**
 * The referral rules.
 */
export interface RuleSetDef {
  label: Label9;
  /**
   * The set's name, a code.
   */
  name: string;
  /**
   * The rules, in order; the first that matches decides.
   */
  rules: RuleDef[];
}
/**
 * A pair of labels, Danish and English.
 */
export interface Label9 {
  /**
   * Danish.
   */
  da: string;
  /**
   * English.
   */
  en: string;
}
/**
 * One rule.
 */
export interface RuleDef {
  /**
   * The legal basis, e.g. "forvaltningsloven § 7, stk. 2".
   */
  basis: string;
  decision: Decide;
  explain: Label11;
  /**
   * The rule's id, a code.
   */
  id: string;
  when: When;
}
/**
 * A pair of labels, Danish and English.
 */
export interface Label10 {
  /**
   * Danish.
   */
  da: string;
  /**
   * English.
   */
  en: string;
}
/**
 * A pair of labels, Danish and English.
 */
export interface Label11 {
  /**
   * Danish.
   */
  da: string;
  /**
   * English.
   */
  en: string;
}
/**
 * When it applies.
 */
export interface When {
  /**
   * The category is one of these taxonomy codes or under one of them.
   */
  categories?: string[];
  /**
   * The kind is one of these.
   */
  kinds?: Kind1[];
  /**
   * The matter (`matter_date`) was more than this many days old when the
   * inquiry was received.
   */
  older_than_days?: number | null;
  /**
   * The citizen lives in a municipality the office serves, or not.
   */
  served?: boolean | null;
  /**
   * The inquiry has at least one of these topics.
   */
  topics?: string[];
  /**
   * The inquiry came by a written channel (e-mail, Digital Post, letter:
   * the profile's channels say which are written), or not.
   */
  written?: boolean | null;
}
/**
 * The municipality, those it serves, and its organisation.
 */
export interface TaxonomyDef {
  /**
   * Directorate areas, including the special buckets.
   */
  areas: Area[];
  label: Label15;
  levels?: Levels;
  /**
   * The municipality's code, e.g. `esbjerg`.
   */
  municipality: string;
  /**
   * The municipalities whose citizens the office serves.
   */
  served: Entry[];
  /**
   * Outreach sites.
   */
  sites?: Entry[];
}
/**
 * A directorate area (direktørområde).
 */
export interface Area {
  bucket?: Bucket;
  /**
   * One code segment, e.g. `borger-arbejdsmarked`.
   */
  code: string;
  /**
   * The departments.
   */
  departments?: Department[];
  label: Label14;
}
/**
 * A department (afdeling) and its sub-units.
 */
export interface Department {
  /**
   * One code segment, e.g. `jobcenter`.
   */
  code: string;
  label: Label12;
  /**
   * Optional sub-units.
   */
  units?: Entry[];
}
/**
 * A pair of labels, Danish and English.
 */
export interface Label12 {
  /**
   * Danish.
   */
  da: string;
  /**
   * English.
   */
  en: string;
}
/**
 * A coded, labelled entry: a municipality, a sub-unit or an outreach site.
 */
export interface Entry {
  /**
   * One code segment, e.g. `jobcenter`.
   */
  code: string;
  label: Label13;
}
/**
 * A pair of labels, Danish and English.
 */
export interface Label13 {
  /**
   * Danish.
   */
  da: string;
  /**
   * English.
   */
  en: string;
}
/**
 * A pair of labels, Danish and English.
 */
export interface Label14 {
  /**
   * Danish.
   */
  da: string;
  /**
   * English.
   */
  en: string;
}
/**
 * A pair of labels, Danish and English.
 */
export interface Label15 {
  /**
   * Danish.
   */
  da: string;
  /**
   * English.
   */
  en: string;
}
/**
 * The names of the levels (direktørområde → afdeling by default).
 */
export interface Levels {
  area: Label16;
  department: Label17;
}
/**
 * A pair of labels, Danish and English.
 */
export interface Label16 {
  /**
   * Danish.
   */
  da: string;
  /**
   * English.
   */
  en: string;
}
/**
 * A pair of labels, Danish and English.
 */
export interface Label17 {
  /**
   * Danish.
   */
  da: string;
  /**
   * English.
   */
  en: string;
}
/**
 * The words of the report.
 */
export interface Words {
  title: Label18;
}
/**
 * A pair of labels, Danish and English.
 */
export interface Label18 {
  /**
   * Danish.
   */
  da: string;
  /**
   * English.
   */
  en: string;
}
/**
 * Everything a report publishes, after disclosure control over all of it at once.
 */
export interface PublishedReport {
  /**
   * The breakdowns, each one column with its total and shares.
   */
  breakdowns: PublishedTable[];
  counting: Counting1;
  /**
   * The counting rule in Danish, as printed under every breakdown.
   */
  counting_da: string;
  /**
   * The counting rule in English.
   */
  counting_en: string;
  monthly: PublishedTable1;
  /**
   * The policy in Danish.
   */
  policy_da: string;
  /**
   * The policy in English.
   */
  policy_en: string;
  /**
   * The key figures of the chosen years.
   */
  summaries: PublishedSummary[];
  /**
   * The threshold applied.
   */
  threshold: number;
  title: Label19;
}
/**
 * A table after disclosure control: `None` is a suppressed value.
 */
export interface PublishedTable {
  /**
   * The cells, row by row.
   */
  cells: (number | null)[][];
  /**
   * Row codes (e.g. taxonomy codes of a breakdown), empty when the rows have none.
   */
  codes: string[];
  /**
   * The mean per row of each column (its total / number of rows), when
   * published; `None` where the total is suppressed.
   */
  column_means?: (number | null)[] | null;
  /**
   * A total per column, when the table publishes them.
   */
  column_totals?: (number | null)[] | null;
  /**
   * Column labels.
   */
  columns: string[];
  /**
   * The policy in Danish, to print with the table.
   */
  policy_da: string;
  /**
   * The policy in English.
   */
  policy_en: string;
  /**
   * A total per row, when the table publishes them.
   */
  row_totals?: (number | null)[] | null;
  /**
   * Row labels.
   */
  rows: string[];
  /**
   * Each row's percent of the whole (a breakdown's share of the year's
   * registrations), when published; `None` where the count or the whole is suppressed.
   */
  shares?: (number | null)[] | null;
  /**
   * The threshold applied.
   */
  threshold: number;
}
/**
 * A table after disclosure control: `None` is a suppressed value.
 */
export interface PublishedTable1 {
  /**
   * The cells, row by row.
   */
  cells: (number | null)[][];
  /**
   * Row codes (e.g. taxonomy codes of a breakdown), empty when the rows have none.
   */
  codes: string[];
  /**
   * The mean per row of each column (its total / number of rows), when
   * published; `None` where the total is suppressed.
   */
  column_means?: (number | null)[] | null;
  /**
   * A total per column, when the table publishes them.
   */
  column_totals?: (number | null)[] | null;
  /**
   * Column labels.
   */
  columns: string[];
  /**
   * The policy in Danish, to print with the table.
   */
  policy_da: string;
  /**
   * The policy in English.
   */
  policy_en: string;
  /**
   * A total per row, when the table publishes them.
   */
  row_totals?: (number | null)[] | null;
  /**
   * Row labels.
   */
  rows: string[];
  /**
   * Each row's percent of the whole (a breakdown's share of the year's
   * registrations), when published; `None` where the count or the whole is suppressed.
   */
  shares?: (number | null)[] | null;
  /**
   * The threshold applied.
   */
  threshold: number;
}
/**
 * The key figures of one year (nøgletal) after disclosure control: `None`
 * is suppressed, and a derived figure is `None` when a count it is computed
 * from is.
 */
export interface PublishedSummary {
  /**
   * Median days open over closed inquiries (nearest rank).
   */
  days_open_median?: number | null;
  /**
   * 90th percentile of days open over closed inquiries.
   */
  days_open_p90?: number | null;
  /**
   * Distinct citizens (borgere).
   */
  distinct_citizens?: number | null;
  forwarded: PublishedTable2;
  /**
   * Distinct citizens / 12.
   */
  mean_citizens_per_month?: number | null;
  /**
   * Registrations / 12.
   */
  mean_registrations_per_month?: number | null;
  referred: PublishedTable3;
  /**
   * Registrations (registreringer).
   */
  registrations?: number | null;
  /**
   * Citizens with more than one registration in the year.
   */
  repeat_citizens?: number | null;
  /**
   * `repeat_citizens` as a percent of `distinct_citizens`.
   */
  repeat_share?: number | null;
  /**
   * The year.
   */
  year: number;
}
/**
 * A table after disclosure control: `None` is a suppressed value.
 */
export interface PublishedTable2 {
  /**
   * The cells, row by row.
   */
  cells: (number | null)[][];
  /**
   * Row codes (e.g. taxonomy codes of a breakdown), empty when the rows have none.
   */
  codes: string[];
  /**
   * The mean per row of each column (its total / number of rows), when
   * published; `None` where the total is suppressed.
   */
  column_means?: (number | null)[] | null;
  /**
   * A total per column, when the table publishes them.
   */
  column_totals?: (number | null)[] | null;
  /**
   * Column labels.
   */
  columns: string[];
  /**
   * The policy in Danish, to print with the table.
   */
  policy_da: string;
  /**
   * The policy in English.
   */
  policy_en: string;
  /**
   * A total per row, when the table publishes them.
   */
  row_totals?: (number | null)[] | null;
  /**
   * Row labels.
   */
  rows: string[];
  /**
   * Each row's percent of the whole (a breakdown's share of the year's
   * registrations), when published; `None` where the count or the whole is suppressed.
   */
  shares?: (number | null)[] | null;
  /**
   * The threshold applied.
   */
  threshold: number;
}
/**
 * A table after disclosure control: `None` is a suppressed value.
 */
export interface PublishedTable3 {
  /**
   * The cells, row by row.
   */
  cells: (number | null)[][];
  /**
   * Row codes (e.g. taxonomy codes of a breakdown), empty when the rows have none.
   */
  codes: string[];
  /**
   * The mean per row of each column (its total / number of rows), when
   * published; `None` where the total is suppressed.
   */
  column_means?: (number | null)[] | null;
  /**
   * A total per column, when the table publishes them.
   */
  column_totals?: (number | null)[] | null;
  /**
   * Column labels.
   */
  columns: string[];
  /**
   * The policy in Danish, to print with the table.
   */
  policy_da: string;
  /**
   * The policy in English.
   */
  policy_en: string;
  /**
   * A total per row, when the table publishes them.
   */
  row_totals?: (number | null)[] | null;
  /**
   * Row labels.
   */
  rows: string[];
  /**
   * Each row's percent of the whole (a breakdown's share of the year's
   * registrations), when published; `None` where the count or the whole is suppressed.
   */
  shares?: (number | null)[] | null;
  /**
   * The threshold applied.
   */
  threshold: number;
}
/**
 * A pair of labels, Danish and English.
 */
export interface Label19 {
  /**
   * Danish.
   */
  da: string;
  /**
   * English.
   */
  en: string;
}
/**
 * One rectification (berigtigelse) of a record under GDPR art. 16: which
 * fields changed, from what, and when.
 */
export interface Rectification {
  /**
   * The record's id.
   */
  id: string;
  /**
   * The day of the change.
   */
  on: string;
  /**
   * The fields changed, with their previous values (null: absent).
   */
  previous: {
    [k: string]: unknown | undefined;
  };
}
/**
 * A regime: which days beyond Saturdays, Sundays and public holidays do not
 * count as working days. It is data, and a municipality can load its own
 * from JSON.
 *
 * The built-in regimes, and which deadline rules use them (see
 * [`crate::deadline::catalogue`]):
 * - `forvaltning`: Grundlovsdag, 24 December and 31 December are
 *   non-working, as under forældelsesloven § 27, stk. 2. It is the library's
 *   reading of "a Saturday, Sunday, public holiday or the like" in the rule
 *   that a complaint deadline ending on such a day moves to the next working
 *   day (a choice, documented here: public offices are closed on these days).
 *   The library uses it for the *citizen's* time limits and for periods
 *   counted in working days (arbejdsdage) of the administration. It is never
 *   used to stretch an authority's own duty counted in days, weeks or months.
 * - `foraeldelse`: forældelsesloven § 27, stk. 2: Grundlovsdag, 24 December
 *   and 31 December (the same days as `forvaltning`, kept apart so that each
 *   rule names its own source).
 * - `udbetaling_danmark`: the Friday after Ascension Day (borger.dk,
 *   Udbetaling Danmark: "Udløber klagefristen på en helligdag eller fredagen
 *   efter Kristi Himmelfart, bliver klagefristen forlænget til den første
 *   hverdag derefter").
 * - `helligdage`: public holidays only: EU regulation 1182/71, art. 3(4)
 *   (only Saturdays, Sundays and public holidays move the end of a period).
 *   The library uses it for the *authority's own* duties counted in days,
 *   weeks or months (GDPR art. 12(3), the whistleblower act, forvaltningsloven
 *   § 23, stk. 2, 2. pkt., retssikkerhedsloven § 66).
 * - `omdeling`: postal delivery days (omdelingsdage), loaded from
 *   `data/omdelingsdage.json`; see [`Calendar::delivery_days`].
 *
 * JSON may extend a built-in regime:
 * ```
 * use borgerraad_core::calendar::{Calendar, Regime};
 * let json = r#"{"code":"esbjerg-2025","label":{"da":"Esbjerg 2025","en":"Esbjerg 2025"},
 *   "extends":"forvaltning",
 *   "days":[{"rule":{"date":{"date":"2025-05-30"}},"name":{"da":"Lukkedag","en":"Closure day"}}]}"#;
 * let cal = Calendar::new(Regime::from_json_str(json, "esbjerg.json").unwrap());
 * let d = |s: &str| s.parse().unwrap();
 * assert!(!cal.is_working_day(d("2025-05-30")).unwrap());
 * assert!(!cal.is_working_day(d("2025-06-05")).unwrap()); // Grundlovsdag, from forvaltning
 * ```
 */
export interface Regime {
  /**
   * The regime's code.
   */
  code: string;
  /**
   * The days it adds.
   */
  days?: NonWorkingDay[];
  /**
   * A built-in regime whose days this one adds to.
   */
  extends?: string | null;
  label: Label21;
}
/**
 * A non-working day a regime adds to weekends and public holidays.
 */
export interface NonWorkingDay {
  name: Label20;
  rule: DayRule;
}
/**
 * A pair of labels, Danish and English.
 */
export interface Label20 {
  /**
   * Danish.
   */
  da: string;
  /**
   * English.
   */
  en: string;
}
/**
 * A pair of labels, Danish and English.
 */
export interface Label21 {
  /**
   * Danish.
   */
  da: string;
  /**
   * English.
   */
  en: string;
}
/**
 * The JSON form of a rule set.
 */
export interface RuleSetDef1 {
  label: Label9;
  /**
   * The set's name, a code.
   */
  name: string;
  /**
   * The rules, in order; the first that matches decides.
   */
  rules: RuleDef[];
}
/**
 * The JSON form of a taxonomy.
 */
export interface TaxonomyDef1 {
  /**
   * Directorate areas, including the special buckets.
   */
  areas: Area[];
  label: Label15;
  levels?: Levels;
  /**
   * The municipality's code, e.g. `esbjerg`.
   */
  municipality: string;
  /**
   * The municipalities whose citizens the office serves.
   */
  served: Entry[];
  /**
   * Outreach sites.
   */
  sites?: Entry[];
}
/**
 * The key figures of one year (nøgletal).
 */
export interface YearSummary {
  /**
   * Closed inquiries.
   */
  closed: number;
  /**
   * Median days open over closed inquiries (nearest rank).
   */
  days_open_median?: number | null;
  /**
   * 90th percentile of days open over closed inquiries (nearest rank).
   */
  days_open_p90?: number | null;
  /**
   * Distinct citizens (borgere), each counted once in the year.
   */
  distinct_citizens: number;
  /**
   * Forwarded under forvaltningsloven § 7, stk. 2, by target.
   */
  forwarded: Count[];
  /**
   * Distinct citizens / 12.
   */
  mean_citizens_per_month: number;
  /**
   * Registrations / 12.
   */
  mean_registrations_per_month: number;
  /**
   * Referred out, by destination.
   */
  referred: Count[];
  /**
   * Registrations (registreringer).
   */
  registrations: number;
  /**
   * Citizens with more than one registration in the year.
   */
  repeat_citizens: number;
  /**
   * `repeat_citizens` as a percent of `distinct_citizens`.
   */
  repeat_share: number;
  /**
   * The year.
   */
  year: number;
}
/**
 * A count under a code.
 */
export interface Count {
  /**
   * The code, e.g. a taxonomy code or a referral destination.
   */
  code: string;
  /**
   * How many.
   */
  count: number;
}
/**
 * How the day of receipt was reached.
 */
export interface Receipt {
  /**
   * The delivery's code, e.g. `post`.
   */
  delivery: string;
  /**
   * The day it counts as received.
   */
  received: string;
  rule: Label22;
  /**
   * The date of the letter (the day it was sent).
   */
  sent: string;
  /**
   * Days that were not delivery days, after the date of the letter up to
   * the day of receipt.
   */
  skipped: Skipped[];
  /**
   * Where the rule comes from.
   */
  source: string;
}
/**
 * A pair of labels, Danish and English.
 */
export interface Label22 {
  /**
   * Danish.
   */
  da: string;
  /**
   * English.
   */
  en: string;
}
/**
 * A non-working day passed over, with its name.
 */
export interface Skipped {
  /**
   * The day.
   */
  date: string;
  reason: Label23;
}
/**
 * A pair of labels, Danish and English.
 */
export interface Label23 {
  /**
   * Danish.
   */
  da: string;
  /**
   * English.
   */
  en: string;
}
/**
 * How a due date was reached.
 */
export interface Trace {
  /**
   * Calendar days from the start to the due date.
   */
  days_counted: number;
  party: Party2;
  period: Period3;
  /**
   * The end of the period before any roll-forward.
   */
  period_end: string;
  /**
   * How the day of receipt was reached, when the start follows from
   * delivery.
   */
  receipt?: Receipt | null;
  /**
   * The regime of the calendar the deadline was computed on.
   */
  regime: string;
  regime_basis: Label24;
  /**
   * Why the deadline moved forward, if it did.
   */
  rolled_forward?: Label4 | null;
  /**
   * The rule's own regime (differs from `regime` when another calendar
   * was given).
   */
  rule_regime: string;
  /**
   * The day the decision was sent, when the start follows from delivery.
   */
  sent?: string | null;
  /**
   * Non-working days after the start up to the due date.
   */
  skipped: Skipped[];
  /**
   * The legal source of the rule.
   */
  source: string;
  /**
   * The start day (not counted).
   */
  start: string;
  /**
   * Working days from the start to the due date.
   */
  working_days_counted: number;
}
/**
 * A length of time.
 */
export interface Period3 {
  /**
   * How many units.
   */
  n: number;
  unit: Unit;
}
/**
 * A pair of labels, Danish and English.
 */
export interface Label24 {
  /**
   * Danish.
   */
  da: string;
  /**
   * English.
   */
  en: string;
}
/**
 * The code lists of an office as JSON: in a profile, the entries it adds
 * to the national base list ([`CodeLists::national`]).
 */
export interface CodeListsDef1 {
  /**
   * What the advisor did (handlinger).
   */
  action_kinds?: CodeDef[];
  /**
   * Channels (kanaler).
   */
  channels?: CodeDef[];
  /**
   * Where matters outside the remit are referred (henvisningssteder).
   */
  destinations?: CodeDef[];
  /**
   * Kinds of inquiry (henvendelsestyper).
   */
  kinds?: CodeDef[];
  /**
   * Outcomes (udfald).
   */
  outcomes?: CodeDef[];
  /**
   * Who made the inquiry (henvendere).
   */
  requesters?: CodeDef[];
}
/**
 * How the `referral` column ("Henvist til") and the kind forwarding
 * (videresendelse) become a referral with its legal basis.
 */
export interface Derive1 {
  /**
   * The basis of a forwarding inside the municipality: a `referral`
   * cell that names a unit of the taxonomy, or the kind forwarding
   * without one (then to the inquiry's category). Forvaltningsloven
   * § 7, stk. 2: `fvl-7-2`.
   */
  forwarding_basis?: string;
  /**
   * The basis of a referral to one of the code list's referral
   * destinations (henvisningssteder), e.g. `vedtaegt` (the advisor's
   * statute).
   */
  referral_basis?: string;
}
/**
 * How an office's own sheet becomes records. Every part is optional: a
 * sheet whose headers are the record's column names, and whose cells hold
 * codes or the code lists' labels, needs none of it.
 *
 * Headers and values are matched ignoring case, surrounding spaces and a
 * trailing `.` or `:`.
 */
export interface ImportDef1 {
  /**
   * Field → the headers a sheet may give its column, e.g. `"received":
   * ["Dato", "Modtaget"]`. A field's own name is always one of them.
   */
  columns?: {
    [k: string]: string[] | undefined;
  };
  /**
   * Field → the code used when the sheet has no column for it or leaves
   * the cell empty, e.g. `"municipality": "esbjerg"`.
   */
  defaults?: {
    [k: string]: string | undefined;
  };
  derive?: Derive;
  /**
   * Header → the values that mark a row as not a registration, e.g.
   * `"Status": ["Annulleret"]`. Such rows are skipped and reported.
   */
  skip?: {
    [k: string]: string[] | undefined;
  };
  /**
   * Field → what a sheet writes → the code it means, for values that
   * are neither a code nor a label, e.g. `"channel": {"Mail": "email"}`.
   */
  values?: {
    [k: string]:
      | {
          [k: string]: string | undefined;
        }
      | undefined;
  };
  /**
   * Word → the word a label uses instead, e.g. `"og": "&"`, so that
   * "Børn og Kultur" is the area "Børn & Kultur".
   */
  words?: {
    [k: string]: string | undefined;
  };
}
/**
 * What the municipality calls the levels of its organisation, for the
 * headings of the report: "Direktørområde", "Center", "Forvaltning" …
 */
export interface Levels1 {
  area: Label16;
  department: Label17;
}
/**
 * The conditions of a rule; all given conditions must hold. An empty
 * condition matches every inquiry (a fallback).
 */
export interface When1 {
  /**
   * The category is one of these taxonomy codes or under one of them.
   */
  categories?: string[];
  /**
   * The kind is one of these.
   */
  kinds?: Kind1[];
  /**
   * The matter (`matter_date`) was more than this many days old when the
   * inquiry was received.
   */
  older_than_days?: number | null;
  /**
   * The citizen lives in a municipality the office serves, or not.
   */
  served?: boolean | null;
  /**
   * The inquiry has at least one of these topics.
   */
  topics?: string[];
  /**
   * The inquiry came by a written channel (e-mail, Digital Post, letter:
   * the profile's channels say which are written), or not.
   */
  written?: boolean | null;
}
/**
 * The words of the report that differ between offices.
 */
export interface Words1 {
  title: Label18;
}
