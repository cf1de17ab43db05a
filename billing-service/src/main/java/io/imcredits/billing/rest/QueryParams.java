package io.imcredits.billing.rest;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * A query parameter that is not of its type (page=abc, page=9223372036854775807, partnerId=x) is a 400 naming
 * it, not the 404 "nothing at this address" JAX-RS answers for a query string it cannot convert.
 */
@Provider
public class QueryParams implements ParamConverterProvider {

    /** A query parameter that does not convert to its type. */
    public static class Unreadable extends BadRequestException {
        final String name;

        Unreadable(String name, String message) {
            super(message);
            this.name = name;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> type, Type genericType, Annotation[] annotations) {
        String name = Arrays.stream(annotations).filter(QueryParam.class::isInstance)
                .map(annotation -> ((QueryParam) annotation).value()).findFirst().orElse(null);
        if (name == null) return null;
        if (type == int.class || type == Integer.class) {
            return (ParamConverter<T>) converter(name, "must be a whole number (at most " + Integer.MAX_VALUE + ")", Integer::valueOf);
        }
        if (type == UUID.class) return (ParamConverter<T>) converter(name, "must be a UUID", UUID::fromString);
        return null;
    }

    private static <V> ParamConverter<V> converter(String name, String message, Function<String, V> parse) {
        return new ParamConverter<>() {
            @Override
            public V fromString(String value) {
                if (value == null) return null;
                try {
                    return parse.apply(value);
                } catch (IllegalArgumentException e) { // NumberFormatException too
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
