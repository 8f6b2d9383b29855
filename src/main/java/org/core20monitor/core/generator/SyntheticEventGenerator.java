package org.core20monitor.core.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.core20monitor.core.reference.Deprivation;
import org.core20monitor.core.reference.EthnicityGroup;
import org.core20monitor.core.reference.ImdEdition;
import org.core20monitor.core.reference.ImdLookup;

/**
 * Realistic, seeded outpatient events (SPEC §3) as JSON Lines, in event-time order.
 *
 * <p>A discrete-event simulation: referrals arrive per ICB as a Poisson process; each is an episode
 * of care (an optional advice request, the RTT clock start, a first attendance after a wait, a
 * clock stop, follow-ups, and a final outcome of discharge or PIFU, perhaps a PIFU return) whose
 * events are queued at their times and released in order. Patients live in real LSOAs of real
 * local authorities, drawn by population, so their IMD deciles are real; the ethnicity mix follows
 * the 2021 census for each area.
 *
 * <p>Known inequalities are built in so the dashboards have something true to show: PIFU is offered
 * less often to the most deprived and to Asian, Black and Mixed patients; DNAs are more common in
 * deprived areas and among younger adults; waits are longer in quintile 1 and for ethnic minority
 * patients. PIFU use also grows over the history, as a rollout would.
 *
 * <p>The same seed gives the same history. After the history, {@link #nextLive(long)} stamps new
 * attendances with the wall-clock time given, while follow-ups queued by the history come due.
 */
public final class SyntheticEventGenerator {

    private static final long DAY = 86_400_000L;
    private static final long WEEK = 7 * DAY;

    private static final String[] SPECIALTIES = {"130", "110", "330", "120", "101", "502", "300", "320", "301",
            "100", "420", "340", "410", "400", "370", "800", "501", "503", "710", "302", "361", "303", "258", "263",
            "421", "140", "143", "320"};
    private static final double[] SPECIALTY_WEIGHT = {11, 9, 5, 5, 4, 5, 4, 5, 4, 5, 5, 3, 3, 3, 3, 3, 5, 1, 2, 2,
            1.5, 2, 0.5, 0.5, 0.5, 2, 1, 0};
    /** Mean follow-ups per first attendance, by specialty (ophthalmology and oncology see people often). */
    private static final double[] FOLLOW_UPS = {3.2, 1.6, 1.4, 1.2, 2.0, 1.1, 1.6, 2.2, 2.0, 1.0, 2.0, 2.2, 3.0,
            1.8, 4.0, 4.0, 2.5, 3.0, 3.0, 2.6, 3.0, 3.0, 2.0, 3.0, 2.0, 1.0, 3.0, 2.2};

    private static final java.util.Set<String> PAEDIATRIC = java.util.Set.of("420", "258", "263", "421");

    /** England, 2021 census: codes other than A (White British), with their shares of the population. */
    private static final String[] MINORITY_CODES = {"B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P",
            "R", "S"};
    private static final double[] MINORITY_WEIGHT = {0.9, 6.3, 0.9, 0.4, 0.8, 0.7, 3.3, 2.8, 1.1, 1.6, 1.1, 2.6,
            0.5, 0.7, 2.2};
    private static final double UNKNOWN_ETHNICITY = 0.06;

    private static final double[] AGE_BAND_WEIGHT = {12, 20, 33, 24, 11};
    private static final int[][] AGE_BAND_RANGE = {{0, 17}, {18, 39}, {40, 64}, {65, 79}, {80, 100}};
    private static final String[] PLUS_GROUPS = {"LEARNING_DISABILITY", "HOMELESS", "SMI", "CARER", "TRAVELLER",
            "REFUGEE"};
    private static final double[] PLUS_RATE = {0.025, 0.004, 0.02, 0.05, 0.002, 0.004};

    private final GeneratorConfig config;
    private final SplittableRandom random;
    private final List<IcbGeography.Icb> icbs = new ArrayList<>();
    private final ImdLookup imd;
    private final PriorityQueue<Pending> queue = new PriorityQueue<>();
    private final double[] specialtyCumulative = cumulative(SPECIALTY_WEIGHT);
    private final double[] minorityCumulative = cumulative(MINORITY_WEIGHT);
    private final double[] ageCumulative = cumulative(AGE_BAND_WEIGHT);
    private final double meanEpisodeGapMillis;

    /** The baseline year ends before 1 April 2020. */
    private static final java.time.LocalDate BASELINE_END = java.time.LocalDate.of(2020, 4, 1);
    /**
     * Attended follow-ups per referral per month once the simulation is warm (measured on its own
     * output), and how many more there were per working day in 2019/20.
     */
    static final double FOLLOW_UPS_PER_REFERRAL_MONTH = 1.78;
    static final double BASELINE_FACTOR = 1.35;

    private final java.util.ArrayDeque<Line> baselineDayLines = new java.util.ArrayDeque<>();
    private java.time.LocalDate baselineDay;
    private long nextEpisodeMillis;
    private long sequence;
    private long eventCounter;
    private long patientCounter;
    private long pathwayCounter;

    private record Pending(long timeMillis, long order, String json) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending o) {
            int c = Long.compare(timeMillis, o.timeMillis);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    /** One generated line and the event time it carries (for malformed lines, the time it would have). */
    public record Line(long timeMillis, String json) {}

    private record Patient(String id, String icb, String lsoa, int decile, String ethnicity, String sex, int age,
                           List<String> plus) {}

    public SyntheticEventGenerator(GeneratorConfig config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
        this.imd = ImdLookup.load(config.edition());
        ImdLookup imd2019 = config.edition() == ImdEdition.IMD2019 ? imd : ImdLookup.load(ImdEdition.IMD2019);
        for (String code : config.icbs()) {
            icbs.add(IcbGeography.load(code, imd, imd2019));
        }
        double episodesPerMonth = (double) config.episodesPerIcbMonth() * config.icbs().size();
        this.meanEpisodeGapMillis = 30.44 * DAY / Math.max(1e-9, episodesPerMonth);
        this.nextEpisodeMillis = java.time.ZonedDateTime.ofInstant(
                java.time.Instant.ofEpochMilli(config.historyStartMillis()), org.core20monitor.core.metric.Periods.LONDON)
                .minusMonths(config.warmUpMonths()).toInstant().toEpochMilli();
        this.baselineDay = config.baseline() ? java.time.LocalDate.of(2019, 4, 1) : BASELINE_END;
    }

    /** The whole history of a configuration, as lines. */
    public static List<String> history(GeneratorConfig config) {
        SyntheticEventGenerator generator = new SyntheticEventGenerator(config);
        List<String> lines = new ArrayList<>();
        for (Line line; (line = generator.nextHistory()) != null; ) {
            lines.add(line.json());
        }
        return lines;
    }

    /** The next line of the history, in event-time order, or null when the history is exhausted. */
    public Line nextHistory() {
        Line baseline = nextBaseline();
        if (baseline != null) {
            return baseline;
        }
        while (true) {
            Pending due = queue.peek();
            if (due != null && due.timeMillis <= nextEpisodeMillis) {
                if (due.timeMillis > config.historyEndMillis()) {
                    return null;
                }
                queue.poll();
                return new Line(due.timeMillis, due.json);
            }
            if (nextEpisodeMillis > config.historyEndMillis()) {
                if (due == null || due.timeMillis > config.historyEndMillis()) {
                    return null;
                }
                continue;
            }
            startEpisode(nextEpisodeMillis);
            nextEpisodeMillis += (long) (-Math.log(1 - random.nextDouble()) * meanEpisodeGapMillis);
        }
    }

    /** The 2019/20 baseline's follow-up attendances, a working day at a time, before the history. */
    private Line nextBaseline() {
        while (baselineDayLines.isEmpty() && baselineDay.isBefore(BASELINE_END)) {
            java.time.LocalDate day = baselineDay;
            baselineDay = baselineDay.plusDays(1);
            if (!org.core20monitor.core.calendar.WorkingDays.isWorkingDay(day)) {
                continue;
            }
            double perDay = config.episodesPerIcbMonth() * FOLLOW_UPS_PER_REFERRAL_MONTH * BASELINE_FACTOR / 21.0;
            long dayStart = day.atStartOfDay(org.core20monitor.core.metric.Periods.LONDON).toInstant().toEpochMilli();
            java.util.List<Line> lines = new java.util.ArrayList<>();
            for (IcbGeography.Icb icb : icbs) {
                long n = (long) Math.floor(perDay + random.nextDouble());
                for (long i = 0; i < n; i++) {
                    lines.add(baselineFollowUp(icb.code(), dayStart + hourOfClinic()));
                }
            }
            lines.sort(java.util.Comparator.comparingLong(Line::timeMillis));
            baselineDayLines.addAll(lines);
        }
        return baselineDayLines.poll();
    }

    /**
     * A 2019/20 follow-up: missed (more often by the most deprived), or seen face to face (mostly) and
     * then followed up again or discharged; no PIFU yet.
     */
    private Line baselineFollowUp(String icbCode, long at) {
        Patient patient;
        do {
            patient = newPatient();
        } while (!patient.icb.equals(icbCode));
        StringBuilder json = event(patient, "ATTENDANCE", at, pickProvider(icbCode),
                SPECIALTIES[pick(specialtyCumulative)], null);
        double dnaRate = 0.07 * new double[] {1.8, 1.4, 1.1, 0.9, 0.75}[Deprivation.quintile(patient.decile) - 1];
        if (random.nextDouble() < dnaRate) {
            json.append(",\"appointment\":\"FOLLOW_UP\",\"attendance\":\"DNA\"}");
            return new Line(at - at % 1000, json.toString());
        }
        json.append(",\"appointment\":\"FOLLOW_UP\",\"attendance\":\"ATTENDED\",\"medium\":\"")
                .append(random.nextDouble() < 0.92 ? "FACE_TO_FACE" : "TELEPHONE")
                .append("\",\"outcome\":\"").append(random.nextDouble() < 0.8 ? "FOLLOW_UP" : "DISCHARGED").append("\"}");
        return new Line(at - at % 1000, json.toString());
    }

    /**
     * A live line at {@code nowMillis}: a queued event of the history that has come due, or else a new
     * attendance happening now.
     */
    public Line nextLive(long nowMillis) {
        Pending due = queue.peek();
        if (due != null && due.timeMillis <= nowMillis) {
            queue.poll();
            return new Line(due.timeMillis, due.json);
        }
        Patient patient = newPatient();
        int specialty = pick(specialtyCumulative);
        String provider = pickProvider(patient.icb);
        boolean first = random.nextDouble() < 0.3;
        double rollout = rollout(nowMillis);
        boolean last = first ? random.nextDouble() < 0.25 : random.nextDouble() < 0.45;
        return new Line(nowMillis, attendance(patient, provider, SPECIALTIES[specialty], nowMillis, first, last,
                rollout));
    }

    public GeneratorConfig config() {
        return config;
    }

    private void startEpisode(long referralMillis) {
        Patient patient = newPatient();
        int specialtyIndex = pick(specialtyCumulative);
        String specialty = SPECIALTIES[specialtyIndex];
        boolean paediatric = PAEDIATRIC.contains(specialty);
        if (patient.age >= 18 && paediatric) {
            specialty = "300";
        } else if (patient.age < 18 && !paediatric && random.nextDouble() < 0.5) {
            specialty = "420";
        }
        String provider = pickProvider(patient.icb);
        int quintile = Deprivation.quintile(patient.decile);
        EthnicityGroup group = EthnicityGroup.of(patient.ethnicity);

        if (random.nextDouble() < 0.14) {
            // The episode starts with specialist advice; a referral, if any, follows within two weeks,
            // so nothing is scheduled before the time the simulation has reached.
            schedule(referralMillis, event(patient, "ADVICE_REQUEST", referralMillis, provider, specialty, null).append('}'));
            if (random.nextDouble() < 0.3) {
                return; // advice given instead of a referral
            }
            referralMillis += (long) (random.nextDouble() * 14 * DAY);
        }
        String pathway = "w-" + Long.toString(config.seed(), 36) + "-" + (++pathwayCounter);
        schedule(referralMillis, event(patient, "REFERRAL", referralMillis, provider, specialty, pathway).append('}'));

        if (random.nextDouble() < 0.04) {
            long removedAt = referralMillis + (long) ((4 + random.nextDouble() * 30) * WEEK);
            schedule(removedAt, event(patient, "WAITLIST_REMOVAL", removedAt, provider, specialty, pathway)
                    .append('}'));
            return;
        }

        // Waits: log-normal, median about 12 weeks, longer for the most deprived and ethnic minority groups.
        double waitFactor = (quintile == 1 ? 1.2 : quintile == 2 ? 1.1 : quintile == 5 ? 0.92 : 1.0)
                * (group == EthnicityGroup.WHITE || group == EthnicityGroup.UNKNOWN ? 1.0 : 1.12);
        double waitWeeks = 12 * waitFactor * Math.exp(0.6 * gaussian());
        long firstAt = nextClinic(referralMillis, Math.min(110, Math.max(0.5, waitWeeks)));

        int followUps = geometric(FOLLOW_UPS[specialtyIndex]);
        double rollout = rollout(firstAt);
        long at = firstAt;
        boolean clockStopped = false;
        for (int visit = 0; visit <= followUps; visit++) {
            boolean first = visit == 0;
            boolean last = visit == followUps;
            String line = attendance(patient, provider, specialty, at, first, last, rollout);
            schedule(at, line);
            if (line.contains("\"attendance\":\"ATTENDED\"")) {
                if (!clockStopped) {
                    clockStopped = true;
                    long stopAt = random.nextDouble() < 0.75 ? at : at + (long) ((2 + random.nextDouble() * 10) * WEEK);
                    schedule(stopAt, event(patient, "CLOCK_STOP", stopAt, provider, specialty, pathway).append('}'));
                }
                if (line.contains("\"outcome\":\"PIFU\"") && random.nextDouble() < 0.25) {
                    long returnAt = at + (long) ((8 + random.nextDouble() * 30) * WEEK);
                    schedule(returnAt, event(patient, "PIFU_RETURN", returnAt, provider, specialty, null).append('}'));
                    schedule(returnAt + 3 * WEEK, attendance(patient, provider, specialty, returnAt + 3 * WEEK,
                            false, true, rollout));
                }
                at = nextClinic(at, 6 + random.nextDouble() * 14);
            } else {
                // Not seen: rebooked, and the visit does not count towards the planned follow-ups.
                visit--;
                at = nextClinic(at, 2 + random.nextDouble() * 4);
                if (random.nextDouble() < 0.15) {
                    return; // lost to follow-up after a missed or cancelled appointment
                }
            }
        }
    }

    private String attendance(Patient patient, String provider, String specialty, long at, boolean first,
                              boolean last, double rollout) {
        int quintile = Deprivation.quintile(patient.decile);
        EthnicityGroup group = EthnicityGroup.of(patient.ethnicity);
        double dnaRate = 0.065 * new double[] {1.8, 1.4, 1.1, 0.9, 0.75}[quintile - 1]
                * (patient.age >= 18 && patient.age < 40 ? 1.4 : patient.age >= 80 ? 0.8 : 1.0)
                * (group == EthnicityGroup.BLACK ? 1.2 : 1.0);
        double draw = random.nextDouble();
        String status;
        if (draw < dnaRate) {
            status = "DNA";
        } else if (draw < dnaRate + 0.03) {
            status = "CANCELLED_BY_PATIENT";
        } else if (draw < dnaRate + 0.07) {
            status = "CANCELLED_BY_PROVIDER";
        } else {
            status = "ATTENDED";
        }
        StringBuilder json = event(patient, "ATTENDANCE", at, provider, specialty, null);
        json.append(",\"appointment\":\"").append(first ? "FIRST" : "FOLLOW_UP").append('"');
        json.append(",\"attendance\":\"").append(status).append('"');
        if (status.equals("ATTENDED")) {
            double remote = 0.22 * (quintile == 1 ? 0.85 : 1.0) * (patient.age >= 80 ? 0.7 : 1.0);
            double m = random.nextDouble();
            String medium = m < remote * 0.68 ? "TELEPHONE" : m < remote ? "VIDEO" : "FACE_TO_FACE";
            json.append(",\"medium\":\"").append(medium).append('"');
            String outcome = "FOLLOW_UP";
            if (last) {
                double pifu = 0.2 * pifuGrowth(rollout, quintile) * new double[] {0.6, 0.8, 0.95, 1.05, 1.15}[quintile - 1]
                        * switch (group) {
                            case WHITE -> 1.0;
                            case ASIAN -> 0.8;
                            case BLACK -> 0.7;
                            case MIXED, OTHER -> 0.85;
                            case UNKNOWN -> 0.9;
                        };
                outcome = random.nextDouble() < pifu ? "PIFU" : "DISCHARGED";
            }
            json.append(",\"outcome\":\"").append(outcome).append('"');
        }
        return json.append('}').toString();
    }

    /** The common fields; the caller adds type-specific fields and the closing brace. */
    private StringBuilder event(Patient p, String type, long at, String provider, String specialty, String pathway) {
        StringBuilder json = new StringBuilder(360);
        json.append("{\"event_id\":\"g").append(Long.toString(config.seed(), 36)).append('-').append(++eventCounter)
                .append("\",\"event_type\":\"").append(type)
                .append("\",\"event_time\":\"").append(java.time.Instant.ofEpochMilli(at - at % 1000))
                .append("\",\"patient_id\":\"").append(p.id).append('"');
        if (pathway != null) {
            json.append(",\"pathway_id\":\"").append(pathway).append('"');
        }
        json.append(",\"icb\":\"").append(p.icb).append("\",\"provider\":\"").append(provider)
                .append("\",\"specialty\":\"").append(specialty).append("\",\"lsoa\":\"").append(p.lsoa).append('"');
        if (p.ethnicity != null) {
            json.append(",\"ethnicity\":\"").append(p.ethnicity).append('"');
        }
        json.append(",\"sex\":\"").append(p.sex).append("\",\"age\":").append(p.age);
        if (!p.plus.isEmpty()) {
            json.append(",\"plus_groups\":[");
            for (int i = 0; i < p.plus.size(); i++) {
                json.append(i == 0 ? "\"" : ",\"").append(p.plus.get(i)).append('"');
            }
            json.append(']');
        }
        return json;
    }

    private void schedule(long at, StringBuilder json) {
        schedule(at, json.toString());
    }

    private void schedule(long at, String json) {
        if (at < config.historyStartMillis()) {
            return; // the warm-up: simulated, not written
        }
        String line = json;
        if (config.badRate() > 0 && random.nextDouble() < config.badRate()) {
            line = corrupt(json);
        }
        queue.add(new Pending(at, sequence++, line));
        if (config.duplicateRate() > 0 && random.nextDouble() < config.duplicateRate()) {
            queue.add(new Pending(at + (long) (random.nextDouble() * 2 * DAY), sequence++, line));
        }
    }

    /** The kinds of damage real feeds show: truncation, a missing field, a bad code, a bad date. */
    private String corrupt(String json) {
        return switch (random.nextInt(4)) {
            case 0 -> json.substring(0, json.length() / 2);
            case 1 -> json.replaceFirst("\"icb\":\"[A-Z0-9]+\",", "");
            case 2 -> json.replaceFirst("\"specialty\":\"[0-9]+\"", "\"specialty\":\"DERM\"");
            default -> json.replaceFirst("\"event_time\":\"(\\d{4})-(\\d{2})-(\\d{2})T",
                    "\"event_time\":\"$3/$2/$1 ");
        };
    }

    private Patient newPatient() {
        IcbGeography.Icb icb = icbs.get(random.nextInt(icbs.size()));
        int at = pick(icb.cumulativeWeight());
        String lsoa = icb.lsoas()[at];
        int decile = imd.decile(lsoa);
        int quintile = Deprivation.quintile(decile);
        double minority = Math.min(0.9, icb.minorityShare() * new double[] {1.4, 1.15, 1.0, 0.8, 0.65}[quintile - 1]);
        String ethnicity;
        double e = random.nextDouble();
        if (e < UNKNOWN_ETHNICITY) {
            ethnicity = random.nextDouble() < 0.5 ? null : (random.nextBoolean() ? "Z" : "99");
        } else if (random.nextDouble() < minority) {
            ethnicity = MINORITY_CODES[pick(minorityCumulative)];
        } else {
            ethnicity = "A";
        }
        int band = pick(ageCumulative);
        int age = AGE_BAND_RANGE[band][0] + random.nextInt(AGE_BAND_RANGE[band][1] - AGE_BAND_RANGE[band][0] + 1);
        double s = random.nextDouble();
        String sex = s < 0.56 ? "2" : s < 0.995 ? "1" : s < 0.996 ? "9" : "X";
        List<String> plus = new ArrayList<>(1);
        for (int i = 0; i < PLUS_GROUPS.length; i++) {
            if (random.nextDouble() < PLUS_RATE[i] * (quintile == 1 ? 1.5 : 1.0)) {
                plus.add(PLUS_GROUPS[i]);
            }
        }
        String id = "p-" + Long.toHexString(config.seed() * 1_000_003L + (++patientCounter));
        return new Patient(id, icb.code(), lsoa, decile, ethnicity, sex, age, plus);
    }

    private String pickProvider(String icb) {
        for (IcbGeography.Icb i : icbs) {
            if (i.code().equals(icb)) {
                return i.providers().get(random.nextInt(i.providers().size()));
            }
        }
        throw new IllegalStateException(icb);
    }

    /** How far through the history a time is, from 0 at its start to 1 at its end (and after). */
    private double rollout(long at) {
        double span = Math.max(1, config.historyEndMillis() - config.historyStartMillis());
        return Math.min(1.0, Math.max(0.0, (at - config.historyStartMillis()) / span));
    }

    /**
     * PIFU rolls out over the history: from 70% to 120% of its eventual offer rate; in the
     * {@link GeneratorConfig.Scenario#FLAT_CORE20_PIFU} scenario the most deprived quintile's offer
     * grows a fifth as fast, to 80%.
     */
    private double pifuGrowth(double rollout, int quintile) {
        boolean flat = config.scenario() == GeneratorConfig.Scenario.FLAT_CORE20_PIFU && quintile == 1;
        return 0.7 + (flat ? 0.1 : 0.5) * rollout;
    }

    /** A clinic slot about {@code weeks} after {@code from}, in working hours. */
    private long nextClinic(long from, double weeks) {
        return from - from % DAY + Math.round(weeks * 7) * DAY + hourOfClinic();
    }

    private long hourOfClinic() {
        return (long) ((8.5 + random.nextDouble() * 8) * 3_600_000L);
    }

    private int geometric(double mean) {
        double p = 1 / (1 + mean);
        return (int) Math.floor(Math.log(1 - random.nextDouble()) / Math.log(1 - p));
    }

    private double gaussian() {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private int pick(double[] cumulative) {
        double x = random.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static double[] cumulative(double[] weights) {
        double[] c = new double[weights.length];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            total += weights[i];
            c[i] = total;
        }
        return c;
    }
}
