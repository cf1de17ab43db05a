package io.imcredits.billing.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A CSV cell from another service's text: never a formula in a spreadsheet, never a broken row. */
class UsageCsvTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "wamid.ABC|wamid.ABC",
            "=1+1|'=1+1",
            "+1|'+1",
            "-1|'-1",
            "@SUM(A1)|'@SUM(A1)",
            "a,b|~\"a,b\"~",
            "say \"hi\"|~\"say \"\"hi\"\"\"~",
            "=HYPERLINK(\"x\")|~\"'=HYPERLINK(\"\"x\"\")\"~"})
    void shouldEscapeCells(String value, String cell) {
        assertEquals(cell, UsageCsv.cell(value));
    }

    @org.junit.jupiter.api.Test
    void shouldPrefixTabAndCarriageReturn() {
        assertEquals("'\tx", UsageCsv.cell("\tx"));
        assertEquals("\"'\rx\"", UsageCsv.cell("\rx"));
        assertEquals("", UsageCsv.cell(null));
    }
}
