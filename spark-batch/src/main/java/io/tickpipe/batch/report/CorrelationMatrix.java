package io.tickpipe.batch.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The correlation matrix of the symbols' log returns, every cell of it: {@code cells} is row-major,
 * row {@code i} holding the cells of {@code symbols[i]} against each symbol in order. A cell's
 * correlation is null where it is undefined (too few common returns, or a constant series): the heat
 * map leaves it empty.
 *
 * @param symbols the symbols, in the order of the axes
 * @param cells {@code symbols.size()}² cells
 */
public record CorrelationMatrix(List<String> symbols, List<Cell> cells) {

    /**
     * One pair, as the {@code correlation/} table holds it.
     *
     * @param correlation Pearson's r, null when undefined
     * @param observations how many return pairs it was computed from
     */
    public record Cell(String symbolA, String symbolB, Double correlation, long observations) {
        public Cell {
            Objects.requireNonNull(symbolA, "symbolA");
            Objects.requireNonNull(symbolB, "symbolB");
            // A little beyond 1 is rounding in the computation; far beyond it, or NaN, is a defect.
            if (correlation != null && !(Math.abs(correlation) <= 1 + 1e-9)) {
                throw new IllegalArgumentException("correlation of " + symbolA + " and " + symbolB + " is "
                        + correlation + ", outside [-1, 1]");
            }
            if (observations < 0) {
                throw new IllegalArgumentException("correlation of " + symbolA + " and " + symbolB + " has "
                        + observations + " observations");
            }
        }
    }

    public CorrelationMatrix {
        symbols = List.copyOf(symbols);
        cells = List.copyOf(cells);
        if (new HashSet<>(symbols).size() != symbols.size()) {
            throw new IllegalArgumentException("correlation matrix symbols repeat: " + symbols);
        }
        int n = symbols.size();
        if (cells.size() != n * n) {
            throw new IllegalArgumentException("correlation matrix of " + n + " symbols has " + cells.size()
                    + " cells, not " + n * n);
        }
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = cells.get(i);
            String a = symbols.get(i / n);
            String b = symbols.get(i % n);
            if (!cell.symbolA().equals(a) || !cell.symbolB().equals(b)) {
                throw new IllegalArgumentException("correlation cell " + i + " is " + cell.symbolA() + "/"
                        + cell.symbolB() + " where row-major order puts " + a + "/" + b);
            }
        }
    }

    /**
     * The full matrix of {@code symbols} from the long form of the {@code correlation/} table. A pair
     * given one way round fills both cells; a cell no pair gives (the diagonal, if the table leaves it
     * out) is undefined.
     *
     * @throws IllegalArgumentException if a pair names a symbol not in {@code symbols}, or is given twice
     *     with different values
     */
    public static CorrelationMatrix fromPairs(List<String> symbols, List<Cell> pairs) {
        Map<String, Cell> byPair = new HashMap<>();
        HashSet<String> known = new HashSet<>(symbols);
        for (Cell pair : pairs) {
            for (String s : List.of(pair.symbolA(), pair.symbolB())) {
                if (!known.contains(s)) {
                    throw new IllegalArgumentException("correlation pair " + pair.symbolA() + "/" + pair.symbolB()
                            + " names " + s + ", which is not among the report's symbols " + symbols);
                }
            }
            put(byPair, pair.symbolA(), pair.symbolB(), pair);
            if (!pair.symbolA().equals(pair.symbolB())) {
                put(byPair, pair.symbolB(), pair.symbolA(), pair);
            }
        }
        List<Cell> cells = new ArrayList<>(symbols.size() * symbols.size());
        for (String a : symbols) {
            for (String b : symbols) {
                Cell given = byPair.get(key(a, b));
                cells.add(given == null ? new Cell(a, b, null, 0)
                        : new Cell(a, b, given.correlation(), given.observations()));
            }
        }
        return new CorrelationMatrix(symbols, cells);
    }

    /** The cell of {@code a} against {@code b}. */
    public Cell cell(String a, String b) {
        int i = symbols.indexOf(a);
        int j = symbols.indexOf(b);
        if (i < 0 || j < 0) {
            throw new IllegalArgumentException("no correlation cell for " + a + "/" + b);
        }
        return cells.get(i * symbols.size() + j);
    }

    /** How many cells have a value. */
    public long definedCells() {
        return cells.stream().filter(c -> c.correlation() != null).count();
    }

    private static void put(Map<String, Cell> byPair, String a, String b, Cell pair) {
        Cell before = byPair.putIfAbsent(key(a, b), pair);
        if (before != null && !(Objects.equals(before.correlation(), pair.correlation())
                && before.observations() == pair.observations())) {
            throw new IllegalArgumentException("correlation of " + a + " and " + b + " is given twice: "
                    + before.correlation() + " (" + before.observations() + " observations) and "
                    + pair.correlation() + " (" + pair.observations() + " observations)");
        }
    }

    // U+0000 cannot be part of a symbol, so the key is unambiguous.
    private static String key(String a, String b) {
        return a + '\u0000' + b;
    }
}
