package io.imcredits.credits.rest;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A timestamp at most this many years from now, either way. Java reads +1000000000-12-31T23:59:59Z, PostgreSQL
 * cannot store it (a 500 "timestamp out of range" at insert); a rate or an expiry that far off is a mistake anyway.
 */
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
@Constraint(validatedBy = WithinYears.Check.class)
public @interface WithinYears {

    int value();

    String message() default "must be within {value} years of today";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<WithinYears, Instant> {

        private int years;

        @Override
        public void initialize(WithinYears annotation) {
            years = annotation.value();
        }

        @Override
        public boolean isValid(Instant instant, ConstraintValidatorContext context) {
            if (instant == null) return true;
            ZonedDateTime now = ZonedDateTime.now(context.getClockProvider().getClock()).withZoneSameInstant(ZoneOffset.UTC);
            return !instant.isBefore(now.minusYears(years).toInstant()) && !instant.isAfter(now.plusYears(years).toInstant());
        }
    }
}
