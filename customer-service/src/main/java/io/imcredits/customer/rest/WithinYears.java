package io.imcredits.customer.rest;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.LocalDate;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A date at most this many years after today. @Future alone lets through a year Java reads but PostgreSQL
 * cannot store (+300000000-01-01 was a 500 "date out of range").
 */
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
@Constraint(validatedBy = WithinYears.Check.class)
public @interface WithinYears {

    int value();

    String message() default "must be at most {value} years from today";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<WithinYears, LocalDate> {

        private int years;

        @Override
        public void initialize(WithinYears annotation) {
            years = annotation.value();
        }

        @Override
        public boolean isValid(LocalDate date, ConstraintValidatorContext context) {
            return date == null || !date.isAfter(LocalDate.now(context.getClockProvider().getClock()).plusYears(years));
        }
    }
}
