package io.apogee.console.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** CSV cells: RFC 4180 quoting, and no formula a spreadsheet would run. */
class DeadLetterExportTest {

    @Test
    void cellsAreQuotedWhereNeededAndFormulasDefused() {
        assertEquals("plain", DeadLetterExport.cell("plain"));
        assertEquals("", DeadLetterExport.cell(null));
        assertEquals("42", DeadLetterExport.cell(42));
        assertEquals("\"a,b\"", DeadLetterExport.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", DeadLetterExport.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", DeadLetterExport.cell("two\nlines"));
        assertEquals("'=HYPERLINK(1)", DeadLetterExport.cell("=HYPERLINK(1)"));
        assertEquals("\"'@x,y\"", DeadLetterExport.cell("@x,y"));
    }
}
