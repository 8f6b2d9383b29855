package org.core20monitor.web.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.TexturePaint;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.report.Format;
import org.core20monitor.core.stats.Spc;
import org.core20monitor.core.view.GroupValue;
import org.core20monitor.core.view.View;

/**
 * Charts for exports, drawn server-side in the dashboard's style: bars coloured by how a group
 * compares with everyone (NHS palette) with a pattern as well as a colour (stripes lower, dots higher),
 * 95% interval whiskers and a dashed all-patients line; and the Making Data Count XmR chart with
 * special-cause points by colour and shape. PNG at twice the printed size, so they print sharply.
 */
public final class ChartImages {

    private static final int SCALE = 2;
    private static final Color INK = new Color(0x21, 0x2B, 0x32);
    private static final Color GREY = new Color(0x4C, 0x62, 0x72);
    private static final Color GRID = new Color(0xD8, 0xDD, 0xE0);
    private static final Color BLUE = new Color(0x00, 0x5E, 0xB8);
    private static final Color RED = new Color(0xD5, 0x28, 0x1B);
    private static final Color GREEN = new Color(0x00, 0x7F, 0x3B);
    private static final Color PURPLE = new Color(0x33, 0x00, 0x72);
    private static final Color ORANGE = new Color(0xED, 0x8B, 0x00);

    private ChartImages() {}

    /** A bar chart of the view's groups (without "unknown" when it is empty). */
    public static byte[] bars(View view, Metric metric, int width, int height) {
        List<GroupValue> groups = new ArrayList<>();
        for (GroupValue g : view.groups()) {
            if (!"unknown".equals(g.group()) || g.value() != null || g.suppressed()) {
                groups.add(g);
            }
        }
        Canvas c = new Canvas(width, height, 46, 64, 30, 44);
        double top = view.overall().upper() == null ? 0 : view.overall().upper();
        for (GroupValue g : groups) {
            top = Math.max(top, g.upper() == null ? (g.value() == null ? 0 : g.value()) : g.upper());
        }
        c.axis(0, "%".equals(metric.unit()) ? Math.min(100, niceTop(top * 1.1)) : niceTop(top * 1.1), metric.unit());
        double slot = c.plotWidth() / Math.max(1, groups.size());
        for (int i = 0; i < groups.size(); i++) {
            GroupValue g = groups.get(i);
            double x = c.left + i * slot + slot * 0.18;
            double w = slot * 0.64;
            if (g.value() != null) {
                double y = c.y(g.value());
                c.g.setPaint(fill(g.vsOverall(), metric));
                c.g.fill(new Rectangle2D.Double(x, y, w, c.y(0) - y));
                c.g.setColor(tone(g.vsOverall(), metric));
                c.g.draw(new Rectangle2D.Double(x, y, w, c.y(0) - y));
                if (g.lower() != null && g.upper() != null) {
                    c.whisker(x + w / 2, g.lower(), g.upper());
                }
            } else if (g.suppressed()) {
                c.text("*", x + w / 2, c.y(0) - 4, true, 16, true);
            }
            c.label(g.label(), x + w / 2, height - c.bottom + 14, slot);
        }
        if (view.overall().value() != null) {
            c.dashed(view.overall().value(), INK);
            c.text("All " + Format.number(view.overall().value(), metric.unit()), c.left + c.plotWidth() + 2,
                    c.y(view.overall().value()) + 4, false, 10, true);
        }
        return c.png();
    }

    /** The XmR chart of monthly values (one point per period), with mean, limits and target. */
    public static byte[] xmr(List<String> periods, Spc.Chart chart, Metric metric, Double target, int width, int height) {
        Canvas c = new Canvas(width, height, 46, 16, 16, 40);
        List<Double> values = new ArrayList<>();
        chart.points().forEach(p -> values.add(p.value()));
        double lo = 0;
        double hi = 0;
        for (Double v : new Double[] {chart.lowerLimit(), chart.upperLimit(), chart.mean(), target}) {
            if (v != null) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        for (Double v : values) {
            if (v != null) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        double ceiling = niceTop(hi * 1.1);
        c.axis(lo < 0 ? -niceTop(-lo * 1.1) : 0, "%".equals(metric.unit()) ? Math.min(100, ceiling) : ceiling,
                metric.unit());
        if (chart.mean() != null) {
            c.dashed(chart.mean(), GREY, new float[] {1000});
        }
        for (Double limit : new Double[] {chart.upperLimit(), chart.lowerLimit()}) {
            if (limit != null) {
                c.dashed(limit, GREY, new float[] {6, 4});
            }
        }
        if (target != null) {
            c.dashed(target, RED, new float[] {2, 3});
        }
        int n = values.size();
        double step = c.plotWidth() / Math.max(1, n);
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = c.left + step * (i + 0.5);
            String period = periods.get(i);
            if (n <= 13 || i % 2 == 0) {
                c.label(period.substring(5) + "/" + period.substring(2, 4), xs[i], height - c.bottom + 14, step * 2);
            }
        }
        c.g.setColor(INK);
        c.g.setStroke(new BasicStroke(2f));
        Integer prev = null;
        for (int i = 0; i < n; i++) {
            if (values.get(i) == null) {
                continue;
            }
            if (prev != null) {
                c.g.draw(new Line2D.Double(xs[prev], c.y(values.get(prev)), xs[i], c.y(values.get(i))));
            }
            prev = i;
        }
        for (int i = 0; i < n; i++) {
            Spc.Point p = chart.points().get(i);
            if (p.value() != null) {
                c.point(xs[i], c.y(p.value()), cause(p, chart.mean(), metric));
            }
        }
        return c.png();
    }

    /** "improvement", "concern", "neither" or null, as the dashboard decides it. */
    static String cause(Spc.Point p, Double mean, Metric metric) {
        if (mean == null || p.value() == null) {
            return null;
        }
        return switch (Spc.variation(p, mean, Spc.Direction.valueOf(metric.direction.name()))) {
            case SPECIAL_CAUSE_IMPROVEMENT -> "improvement";
            case SPECIAL_CAUSE_CONCERN -> "concern";
            case SPECIAL_CAUSE_NEITHER -> "neither";
            default -> null;
        };
    }

    private static Color tone(String vsOverall, Metric metric) {
        if (!"lower".equals(vsOverall) && !"higher".equals(vsOverall)) {
            return BLUE;
        }
        boolean lower = "lower".equals(vsOverall);
        return switch (metric.direction) {
            case HIGHER_IS_BETTER -> lower ? RED : GREEN;
            case LOWER_IS_BETTER -> lower ? GREEN : RED;
            case CONTEXT -> PURPLE;
        };
    }

    private static java.awt.Paint fill(String vsOverall, Metric metric) {
        Color colour = tone(vsOverall, metric);
        if (!"lower".equals(vsOverall) && !"higher".equals(vsOverall)) {
            return colour;
        }
        int size = 10 * SCALE;
        BufferedImage tile = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D t = tile.createGraphics();
        t.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        t.setColor(colour);
        t.fillRect(0, 0, size, size);
        t.setColor(new Color(255, 255, 255, 230));
        if ("lower".equals(vsOverall)) {
            t.setStroke(new BasicStroke(2.5f * SCALE));
            for (int o = -size; o <= size; o += size) {
                t.drawLine(o, size, o + size, 0);
            }
        } else {
            t.fillOval(size / 2 - 2 * SCALE, size / 2 - 2 * SCALE, 4 * SCALE, 4 * SCALE);
        }
        t.dispose();
        return new TexturePaint(tile, new Rectangle2D.Double(0, 0, size, size));
    }

    private static double niceTop(double v) {
        if (v <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** Drawing in points (1/SCALE of a pixel) with the plot area inside the margins. */
    private static final class Canvas {
        final BufferedImage image;
        final Graphics2D g;
        final int width;
        final int height;
        final int left;
        final int right;
        final int top;
        final int bottom;
        double min;
        double max;

        Canvas(int width, int height, int left, int right, int top, int bottom) {
            this.width = width;
            this.height = height;
            this.left = left;
            this.right = right;
            this.top = top;
            this.bottom = bottom;
            image = new BufferedImage(width * SCALE, height * SCALE, BufferedImage.TYPE_3BYTE_BGR);
            g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width * SCALE, height * SCALE);
            g.scale(SCALE, SCALE);
        }

        double plotWidth() {
            return width - left - right;
        }

        double y(double v) {
            return top + (max - v) / (max - min) * (height - top - bottom);
        }

        void axis(double from, double to, String unit) {
            min = from;
            max = to <= from ? from + 1 : to;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            for (int i = 0; i <= 5; i++) {
                double v = min + (max - min) * i / 5;
                g.setColor(GRID);
                g.setStroke(new BasicStroke(1f));
                g.draw(new Line2D.Double(left, y(v), left + plotWidth(), y(v)));
                g.setColor(GREY);
                String text = Format.number(v, "count".equals(unit) ? "count" : "");
                g.drawString(text, left - 4 - g.getFontMetrics().stringWidth(text), (float) y(v) + 3);
            }
            g.setColor(INK);
            g.draw(new Line2D.Double(left, y(Math.max(min, Math.min(0, max))), left + plotWidth(),
                    y(Math.max(min, Math.min(0, max)))));
        }

        void whisker(double x, double lo, double hi) {
            for (Object[] pass : new Object[][] {{Color.WHITE, 5f}, {INK, 2f}}) {
                g.setColor((Color) pass[0]);
                g.setStroke(new BasicStroke((Float) pass[1], BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(new Line2D.Double(x, y(lo), x, y(hi)));
                g.draw(new Line2D.Double(x - 6, y(lo), x + 6, y(lo)));
                g.draw(new Line2D.Double(x - 6, y(hi), x + 6, y(hi)));
            }
        }

        void dashed(double v, Color colour) {
            dashed(v, colour, new float[] {8, 5});
        }

        void dashed(double v, Color colour, float[] dash) {
            g.setColor(colour);
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, dash, 0));
            g.draw(new Line2D.Double(left, y(v), left + plotWidth(), y(v)));
        }

        void point(double x, double y, String cause) {
            double r = cause == null ? 3 : 5;
            Color colour = cause == null ? GREY : switch (cause) {
                case "improvement" -> BLUE;
                case "concern" -> ORANGE;
                default -> PURPLE;
            };
            java.awt.Shape shape = cause == null ? new java.awt.geom.Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r)
                    : "concern".equals(cause) ? triangle(x, y, r) : diamond(x, y, r);
            g.setColor(colour);
            g.fill(shape);
            g.setColor(INK);
            g.setStroke(new BasicStroke(1f));
            g.draw(shape);
        }

        private static java.awt.Shape triangle(double x, double y, double r) {
            java.awt.geom.Path2D.Double p = new java.awt.geom.Path2D.Double();
            p.moveTo(x, y - r * 1.2);
            p.lineTo(x + r * 1.1, y + r * 0.8);
            p.lineTo(x - r * 1.1, y + r * 0.8);
            p.closePath();
            return p;
        }

        private static java.awt.Shape diamond(double x, double y, double r) {
            java.awt.geom.Path2D.Double p = new java.awt.geom.Path2D.Double();
            p.moveTo(x, y - r * 1.2);
            p.lineTo(x + r * 1.2, y);
            p.lineTo(x, y + r * 1.2);
            p.lineTo(x - r * 1.2, y);
            p.closePath();
            return p;
        }

        void text(String text, double x, double y, boolean centred, int size, boolean bold) {
            g.setColor(INK);
            g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, size));
            double w = centred ? g.getFontMetrics().stringWidth(text) / 2.0 : 0;
            g.drawString(text, (float) (x - w), (float) y);
        }

        /** A category label, wrapped onto up to three lines within its slot. */
        void label(String text, double x, double y, double slot) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
            g.setColor(INK);
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : text.split("\\s+")) {
                if (line.length() > 0 && g.getFontMetrics().stringWidth(line + " " + word) > slot - 2) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.append(line.length() > 0 ? " " : "").append(word);
            }
            lines.add(line.toString());
            for (int i = 0; i < Math.min(3, lines.size()); i++) {
                String l = lines.get(i);
                g.drawString(l, (float) (x - g.getFontMetrics().stringWidth(l) / 2.0), (float) (y + i * 11));
            }
        }

        byte[] png() {
            g.dispose();
            try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                ImageIO.write(image, "png", out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
