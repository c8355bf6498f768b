package dev.fsview.cli.command;

import java.io.PrintStream;
import java.util.List;

/** Prints rows as aligned columns separated by one space, the last column unpadded. */
final class Columns {
    private Columns() {}

    static void print(PrintStream out, List<String[]> rows, boolean[] rightAligned) {
        if (rows.isEmpty()) {
            return;
        }
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns - 1; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                if (c > 0) {
                    b.append(' ');
                }
                String cell = row[c];
                boolean last = c == columns - 1;
                String pad = last ? "" : " ".repeat(width[c] - cell.length());
                b.append(rightAligned[c] ? pad + cell : cell + pad);
            }
            out.println(b);
        }
    }
}
