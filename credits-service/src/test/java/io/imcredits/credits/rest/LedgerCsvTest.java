package io.imcredits.credits.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A ledger cell is safe to open in a spreadsheet: the first character decides, whatever follows it. */
class LedgerCsvTest {

    @Test
    void shouldPrefixEveryCellThatStartsLikeAFormula() {
        assertEquals("'=1+2", LedgerCsv.cell("=1+2"));
        assertEquals("'+1", LedgerCsv.cell("+1"));
        assertEquals("'-1", LedgerCsv.cell("-1"));
        assertEquals("'@SUM(A1)", LedgerCsv.cell("@SUM(A1)"));
        assertEquals("'\t=1+2", LedgerCsv.cell("\t=1+2"));
        assertEquals("\"'\r=1+2\"", LedgerCsv.cell("\r=1+2"));
        // the line break no longer hides the formula from the check
        assertEquals("\"'=HYPERLINK(\"\"http://x.example\"\")\nclick\"", LedgerCsv.cell("=HYPERLINK(\"http://x.example\")\nclick"));
    }

    @Test
    void shouldQuoteOnlyCellsWithACommaQuoteOrLineBreak() {
        assertEquals("debit:wamid.1", LedgerCsv.cell("debit:wamid.1"));
        assertEquals("a = b", LedgerCsv.cell("a = b"));
        assertEquals("\"a, b\"", LedgerCsv.cell("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", LedgerCsv.cell("say \"hi\""));
        assertEquals("\"line 1\nline 2\"", LedgerCsv.cell("line 1\nline 2"));
        assertEquals("", LedgerCsv.cell(null));
        assertEquals("", LedgerCsv.cell(""));
    }
}
