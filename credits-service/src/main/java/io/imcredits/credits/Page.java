package io.imcredits.credits;

import java.util.List;
import java.util.function.Function;

/** One page of a list and the total number of items across all pages. */
public record Page<T>(List<T> items, int page, int size, long total) {

    /** The largest page a list serves: with size at most 200, the offset page × size stays far inside an int. */
    public static final int MAX_PAGE = 10_000;
    public static final int MAX_SIZE = 200;

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
