package io.imcredits.billing.rest;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A time at most this many years before or after now. Java reads instants PostgreSQL cannot store
 * (until=+1000000000-12-31T23:59:59Z was a 500 "timestamp out of range").
 */
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
@Constraint(validatedBy = WithinYears.Check.class)
public @interface WithinYears {

    int value();

    String message() default "must be within {value} years of now";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<WithinYears, Instant> {

        private int years;

        @Override
        public void initialize(WithinYears annotation) {
            years = annotation.value();
        }

        @Override
        public boolean isValid(Instant time, ConstraintValidatorContext context) {
            if (time == null) return true;
            var now = Instant.now().atOffset(ZoneOffset.UTC);
            return !time.isBefore(now.minusYears(years).toInstant()) && !time.isAfter(now.plusYears(years).toInstant());
        }
    }
}
