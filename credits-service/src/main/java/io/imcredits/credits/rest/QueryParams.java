package io.imcredits.credits.rest;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * A query parameter that is not of its type (page=abc, page=9223372036854775807, type=FOO) is a 400 naming it,
 * not the 404 "nothing at this address" JAX-RS answers for a query string it cannot convert. A timestamp must
 * fall in the years 1 to 9999: Java reads +1000000000-12-31T23:59:59Z, PostgreSQL cannot compare with it (a 500).
 */
@Provider
public class QueryParams implements ParamConverterProvider {

    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** A query parameter that does not convert to its type. */
    public static class Unreadable extends BadRequestException {
        final String name;

        Unreadable(String name, String message) {
            super(message);
            this.name = name;
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> type, Type genericType, Annotation[] annotations) {
        String name = Arrays.stream(annotations).filter(QueryParam.class::isInstance)
                .map(annotation -> ((QueryParam) annotation).value()).findFirst().orElse(null);
        if (name == null) return null;
        if (type == int.class || type == Integer.class) {
            return (ParamConverter<T>) converter(name, "must be a whole number (at most " + Integer.MAX_VALUE + ")", Integer::valueOf);
        }
        if (type == UUID.class) return (ParamConverter<T>) converter(name, "must be a UUID", UUID::fromString);
        if (type == Instant.class) {
            return (ParamConverter<T>) converter(name, "must be a timestamp such as 2026-01-31T00:00:00Z, between " + EARLIEST
                    + " and " + LATEST, QueryParams::instant);
        }
        if (type.isEnum()) {
            Class<? extends Enum> values = (Class<? extends Enum>) type;
            String names = Arrays.stream(values.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            return (ParamConverter<T>) converter(name, "must be one of " + names, value -> Enum.valueOf(values, value));
        }
        return null;
    }

    private static Instant instant(String value) {
        Instant instant = Instant.parse(value);
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) throw new IllegalArgumentException("out of range");
        return instant;
    }

    private static <V> ParamConverter<V> converter(String name, String message, Function<String, V> parse) {
        return new ParamConverter<>() {
            @Override
            public V fromString(String value) {
                if (value == null) return null;
                try {
                    return parse.apply(value);
                } catch (IllegalArgumentException | DateTimeParseException e) { // NumberFormatException too
                    throw new Unreadable(name, message);
                }
            }

            @Override
            public String toString(V value) {
                return value.toString();
            }
        };
    }
}
