package org.core20monitor.web.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.report.BoardPaper;
import org.core20monitor.core.report.Format;
import org.core20monitor.core.stats.Spc;
import org.core20monitor.core.view.GroupValue;
import org.core20monitor.core.view.View;

/**
 * The data behind a board paper: XLSX (a sheet per metric, a definitions sheet and an about sheet),
 * streamed row by row so a large workbook is never held in memory, and CSV in one long table. The same
 * published figures as the paper; a suppressed figure is written as "*".
 */
public final class DataExport {

    /** Rows of a sheet kept in memory while writing; the rest go to a temporary file. */
    private static final int WINDOW = 100;

    static final List<String> GROUP_COLUMNS = List.of("Breakdown", "Group", "Numerator", "Denominator", "Value",
            "Lower 95% limit", "Upper 95% limit", "Against all patients", "Difference from reference",
            "Difference lower", "Difference upper", "Gap in patients at the reference rate", "Gap in patients lower",
            "Gap in patients upper");

    private DataExport() {}

    public static void xlsx(BoardPaper paper, String title, OutputStream out) throws IOException {
        SXSSFWorkbook book = new SXSSFWorkbook(WINDOW);
        try {
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);

            Sheet about = book.createSheet("About");
            int r = 0;
            r = line(about, r, bold, title);
            r = line(about, r, null, "Period: " + Format.period(paper.period()));
            r = line(about, r, null, BoardPaperPdf.DISCLOSURE);
            line(about, r, null, "Suppressed figures are shown as *. Values are percentages, rates per 100,"
                    + " ratios, counts or weeks as each metric's definition says.");

            Sheet defs = book.createSheet("Definitions");
            r = row(defs, 0, bold, List.of("Metric id", "Metric", "Unit", "Numerator", "Denominator", "Target",
                    "Direction", "Interval method"));
            for (Metric m : Metric.values()) {
                r = row(defs, r, null, java.util.Arrays.asList(m.id, m.label, m.unit(), m.numeratorDefinition,
                        m.denominatorDefinition == null ? "none (a count or a median)" : m.denominatorDefinition,
                        m.targetText == null ? "" : m.targetText, m.direction.name(), m.kind.interval));
            }

            for (BoardPaper.Section s : paper.sections()) {
                Sheet sheet = book.createSheet(s.metric().id);
                int n = line(sheet, 0, bold, s.metric().label + ", " + Format.period(paper.period()));
                n = row(sheet, n, bold, GROUP_COLUMNS);
                for (View v : new View[] {s.byQuintile(), s.byEthnicity()}) {
                    if (v != null) {
                        for (List<Object> values : groupRows(v)) {
                            n = row(sheet, n, null, values);
                        }
                    }
                }
                if (s.byQuintile() != null && s.byQuintile().inequality() != null) {
                    var in = s.byQuintile().inequality();
                    n = row(sheet, n + 1, bold, List.of("Inequality (IMD quintile)", "Value", "Lower 95% limit",
                            "Upper 95% limit"));
                    n = row(sheet, n, null, values("Gap, most minus least deprived", in.gap(), in.gapLower(), in.gapUpper()));
                    n = row(sheet, n, null, values("Ratio, most to least deprived", in.ratio(), in.ratioLower(), in.ratioUpper()));
                    n = row(sheet, n, null, values("SII (" + in.orientation() + ")", in.sii(), in.siiLower(), in.siiUpper()));
                    n = row(sheet, n, null, values("RII", in.rii(), in.riiLower(), in.riiUpper()));
                    var par = in.attributable();
                    if (par != null) {
                        n = row(sheet, n, null, values("Attributable: patients at the least deprived rate",
                                par.patients(), par.patientsLower(), par.patientsUpper()));
                        n = row(sheet, n, null, values("Attributable: overall minus least deprived", par.risk(),
                                par.riskLower(), par.riskUpper()));
                        n = row(sheet, n, null, values("Attributable: % of the overall value", par.percent(),
                                par.percentLower(), par.percentUpper()));
                    }
                }
                for (var t : s.trajectories()) {
                    n = row(sheet, n + 1, bold, List.of("Trajectory by " + t.breakdown() + " to " + t.targetBy(),
                            "Latest month", "Change per month", "SPC mean", "Status", "Target reached",
                            "By the target date"));
                    for (var g : t.groups()) {
                        n = row(sheet, n, null, List.of(g.label(), cell(g.values().get(g.values().size() - 1)),
                                cell(g.slopePerMonth()), cell(g.baselineMean()), g.status(),
                                g.reaches() == null ? "" : g.reaches(), g.onTime() ? "yes" : "no"));
                    }
                }
                if (s.benchmarks() != null) {
                    n = row(sheet, n + 1, bold, List.of("Benchmark (" + s.benchmarks().gap() + ")", "Core20 share %",
                            "All patients", "Gap", "Gap lower", "Gap upper", "Difference of gaps", "Difference lower",
                            "Difference upper", "Judgement"));
                    for (var b : s.benchmarks().rows()) {
                        n = row(sheet, n, null, List.of(b.area(), cell(b.core20Share()),
                                cell(b.overall() == null ? null : b.overall().value()), cell(b.gap()), cell(b.gapLower()),
                                cell(b.gapUpper()), cell(b.difference()), cell(b.differenceLower()),
                                cell(b.differenceUpper()), b.judgement() == null ? "" : b.judgement()));
                    }
                }
                n = row(sheet, n + 1, bold, List.of("Month", "Value (all patients)", "Lower 95% limit",
                        "Upper 95% limit", "Gap, most minus least deprived", "SPC signal"));
                Spc.Chart chart = s.trend().overall();
                for (int i = 0; i < s.trend().views().size(); i++) {
                    View v = s.trend().views().get(i);
                    Spc.Point p = chart.points().get(i);
                    String cause = ChartImages.cause(p, chart.mean(), s.metric());
                    n = row(sheet, n, null, List.of(v.period(), cell(v.overall().value()), cell(v.overall().lower()),
                            cell(v.overall().upper()), cell(v.inequality() == null ? null : v.inequality().gap()),
                            cause == null ? "common cause" : "special cause (" + cause + ")"));
                }
            }
            book.write(out);
        } finally {
            book.close(); // also deletes the temporary files behind the streamed sheets
        }
    }

    /** One long table: metric, month, breakdown, group and the published figures. */
    public static void csv(BoardPaper paper, Writer out) throws IOException {
        List<String> head = new ArrayList<>(List.of("metric", "period"));
        head.addAll(GROUP_COLUMNS.stream().map(c -> c.toLowerCase().replace(' ', '_').replace("%", "pct")).toList());
        out.write(String.join(",", head) + "\r\n");
        for (BoardPaper.Section s : paper.sections()) {
            for (View v : new View[] {s.byQuintile(), s.byEthnicity()}) {
                if (v == null) {
                    continue;
                }
                for (List<Object> values : groupRows(v)) {
                    List<String> fields = new ArrayList<>(List.of(s.metric().id, v.period()));
                    values.forEach(x -> fields.add(csvField(x)));
                    out.write(String.join(",", fields) + "\r\n");
                }
            }
        }
        out.flush();
    }

    static List<List<Object>> groupRows(View v) {
        List<List<Object>> rows = new ArrayList<>();
        for (GroupValue g : v.groups()) {
            rows.add(groupRow(v.breakdown(), g.group(), g));
        }
        rows.add(groupRow(v.breakdown(), "all", v.overall()));
        return rows;
    }

    private static List<Object> groupRow(String breakdown, String key, GroupValue g) {
        List<Object> r = new ArrayList<>();
        r.add(breakdown);
        r.add(g.label() == null ? key : g.label());
        r.add(count(g.numerator(), g.suppressed()));
        r.add(count(g.denominator(), g.suppressed()));
        r.add(g.suppressed() ? Format.SUPPRESSED : cell(g.value()));
        r.add(g.suppressed() ? Format.SUPPRESSED : cell(g.lower()));
        r.add(g.suppressed() ? Format.SUPPRESSED : cell(g.upper()));
        r.add(g.vsOverall() == null ? "" : g.vsOverall());
        var vs = g.vsReference();
        r.add(vs == null ? "" : cell(vs.difference()));
        r.add(vs == null ? "" : cell(vs.differenceLower()));
        r.add(vs == null ? "" : cell(vs.differenceUpper()));
        r.add(vs == null ? "" : cell(vs.patients()));
        r.add(vs == null ? "" : cell(vs.patientsLower()));
        r.add(vs == null ? "" : cell(vs.patientsUpper()));
        return r;
    }

    private static Object count(Long n, boolean suppressed) {
        return n != null ? (Object) n.doubleValue() : suppressed ? Format.SUPPRESSED : "";
    }

    private static Object cell(Double v) {
        return v == null ? "" : v;
    }

    private static List<Object> values(String label, Double v, Double lo, Double hi) {
        return List.of(label, v == null ? Format.SUPPRESSED : v, cell(lo), cell(hi));
    }

    private static int line(Sheet sheet, int at, CellStyle style, String text) {
        return row(sheet, at, style, List.of(text));
    }

    /** Writes a row of numbers and text (null as empty) at {@code at}; returns the next row. */
    static int row(Sheet sheet, int at, CellStyle style, List<?> values) {
        Row row = sheet.createRow(at);
        for (int i = 0; i < values.size(); i++) {
            Cell cell = row.createCell(i);
            Object v = values.get(i);
            if (v instanceof Number num) {
                cell.setCellValue(num.doubleValue());
            } else {
                cell.setCellValue(v == null ? "" : String.valueOf(v));
            }
            if (style != null) {
                cell.setCellStyle(style);
            }
        }
        return at + 1;
    }

    private static String csvField(Object v) {
        String s = v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue())
                : String.valueOf(v);
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
