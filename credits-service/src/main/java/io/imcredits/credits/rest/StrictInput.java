package io.imcredits.credits.rest;

import java.io.IOException;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * What the request reader refuses before any code sees it: 2.7 agents (Jackson would quietly make it 2),
 * a missing number where the record holds a primitive, and text with a NUL character, which PostgreSQL
 * cannot store (it would be a 500 at insert time). Unknown fields are refused in application.properties.
 */
@Singleton
public class StrictInput implements ObjectMapperCustomizer {

    /** A text field that holds a NUL character. */
    public static class NulInText extends MismatchedInputException {
        NulInText(JsonParser parser) {
            super(parser, "must not contain the NUL character (\\u0000)", String.class);
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .registerModule(new SimpleModule("strict-text").addDeserializer(String.class, new StringDeserializer() {
                    @Override
                    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                        String text = super.deserialize(parser, context);
                        if (text != null && text.indexOf('\u0000') >= 0) throw new NulInText(parser);
                        return text;
                    }
                }));
    }

    /** The same rule for query strings and paths (?q=%00). */
    @ServerRequestFilter
    public void refuseNulInAddress(ContainerRequestContext request) {
        String address = request.getUriInfo().getRequestUri().getRawPath() + "?" + request.getUriInfo().getRequestUri().getRawQuery();
        if (address.contains("%00") || address.contains("%u0000")) {
            throw new BadRequestException("The address must not contain the NUL character (%00)");
        }
    }
}
