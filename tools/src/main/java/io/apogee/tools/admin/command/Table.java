package io.apogee.tools.admin.command;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows printed as left-aligned columns, each as wide as its widest cell, like RocketMQ's mqadmin output. A row's last
 * cell is never padded, so it does not widen its column: a short row (a broker's error in place of its figures) may
 * end in a long cell without moving the other rows' columns.
 */
public final class Table {

    private final List<String[]> rows = new ArrayList<>();

    public Table(String... header) {
        rows.add(header);
    }

    /** Adds a row; values are printed with {@code String.valueOf}. */
    public Table row(Object... cells) {
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = String.valueOf(cells[i]);
        }
        rows.add(text);
        return this;
    }

    public void print(PrintStream out) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns && i < row.length - 1; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
