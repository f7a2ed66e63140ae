package org.gradproof.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A document file is read once, within the size limit, and whatever is wrong with it is said in plain words. */
class DocumentFileTest {

    private static final ReadLimits LIMITS = ReadLimits.DEFAULT;

    @TempDir
    Path dir;

    private Path file(String name, byte[] bytes) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write((Integer) p);
            }
        }
        return out.toByteArray();
    }

    private String error(Path f) {
        return assertThrows(InterchangeException.class, () -> DocumentFile.read(f, LIMITS, "gradproof-model"))
                .getMessage();
    }

    @Test
    void aByteThatIsNotUtf8IsNamedWithItsPlace() throws Exception {
        Path f = file("latin1.json", bytes("{\n  \"a\": \"caf", 0xE9, "\"}"));
        assertEquals(f + ": not UTF-8 text (invalid byte 0xE9 at line 2, column 12, byte 13)", error(f));
        Path lone = file("lone.json", bytes("{\"a\": \"", 0x80, "\"}"));
        assertEquals(lone + ": not UTF-8 text (invalid byte 0x80 at line 1, column 8, byte 7)", error(lone));
        Path overlong = file("overlong.json", bytes("{\"a\": \"", 0xC0, 0xAF, "\"}"));
        assertEquals(overlong + ": not UTF-8 text (invalid byte 0xC0 at line 1, column 8, byte 7)", error(overlong));
        Path surrogate = file("surrogate.json", bytes("{\"a\": \"", 0xED, 0xA0, 0x80, "\"}"));
        assertEquals(surrogate + ": not UTF-8 text (invalid byte 0xED at line 1, column 8, byte 7)", error(surrogate));
        Path cut = file("cut.json", bytes("{\"a\": 1}  ", 0xE2, 0x82));
        assertEquals(cut + ": not UTF-8 text: the file ends in the middle of a character (line 1, column 11, byte 10)",
                error(cut));
    }

    @Test
    void multiByteCharactersCountAsOneColumn() throws Exception {
        Path f = file("accents.json", bytes("{\"\u00e9t\u00e9 \uD83D\uDE00\": ", 0xFF, "}"));
        assertEquals(f + ": not UTF-8 text (invalid byte 0xFF at line 1, column 11, byte 15)", error(f));
    }

    @Test
    void byteOrderMarks() throws Exception {
        Path utf8 = file("bom8.json", bytes(0xEF, 0xBB, 0xBF, "{\"a\": [1, 2]}"));
        assertInstanceOf(JsonValue.ObjectValue.class, DocumentFile.read(utf8, LIMITS, "gradproof-model"),
                "a UTF-8 byte-order mark is accepted");
        Path le = file("bom16le.json", bytes(0xFF, 0xFE, "{", 0, "}", 0));
        assertEquals(le + ": starts with a UTF-16 byte-order mark (FF FE, little-endian): gradproof reads UTF-8 text; "
                + "save the file as UTF-8", error(le));
        Path be = file("bom16be.json", bytes(0xFE, 0xFF, 0, "{", 0, "}"));
        assertEquals(be + ": starts with a UTF-16 byte-order mark (FE FF, big-endian): gradproof reads UTF-8 text; "
                + "save the file as UTF-8", error(be));
        Path noBom = file("utf16.json", bytes("{", 0, "}", 0));
        assertEquals(noBom + ": a zero byte at line 1, column 2 (byte 1): not JSON text but binary data, or UTF-16 or "
                + "UTF-32 text (gradproof reads UTF-8)", error(noBom));
    }

    @Test
    void pathsThatAreNotReadableFiles() throws Exception {
        Path missing = dir.resolve("missing.json");
        assertEquals(missing + ": no such file (expected a gradproof-model document)", error(missing));
        assertEquals(dir + ": is a directory, expected a gradproof-model document", error(dir));
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        assertEquals(a + ": a symbolic-link loop (expected a gradproof-model document)",
                error(a));
        Path under = dir.resolve("file.json").resolve("x.json");
        Files.writeString(dir.resolve("file.json"), "{}");
        assertEquals(under + ": a part of the path is not a directory (expected a gradproof-model document)",
                error(under));
    }

    @Test
    void aFileThatCannotBeOpenedIsPermissionDenied() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads any file");
        Path f = file("secret.json", bytes("{}"));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("-w-------"));
        assertEquals(f + ": cannot open the file: permission denied", error(f));
    }

    @Test
    void aFileEvenRootCannotReadIsPermissionDenied() {
        Path f = Path.of("/proc/sys/vm/compact_memory"); // write-only, also for root
        assumeTrue(Files.exists(f) && !Files.isReadable(f), "no such write-only file here");
        assertEquals(f + ": cannot open the file: permission denied", error(f));
    }

    @Test
    void theSizeLimitIsCheckedBeforeReadingAndWhileStreaming() throws Exception {
        Path big = file("big.json", bytes("[" + "0,".repeat(600_000) + "0]"));
        ReadLimits oneMiB = new ReadLimits(1 << 20, 10);
        assertEquals(big + ": " + Files.size(big) + " bytes, over the 1 MiB limit for a document",
                assertThrows(InterchangeException.class, () -> DocumentFile.read(big, oneMiB, "gradproof-batch"))
                        .getMessage());
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero));
        assertEquals("/dev/zero: a zero byte at line 1, column 1 (byte 0): not JSON text but binary data, or UTF-16 or "
                + "UTF-32 text (gradproof reads UTF-8)", error(zero));
    }

    @Test
    void aStreamLongerThanTheLimitIsCutThere() throws Exception {
        byte[] spaces = " ".repeat(3000).getBytes(StandardCharsets.UTF_8);
        Utf8TextInput in = new Utf8TextInput(new java.io.ByteArrayInputStream(spaces), 2048, "the limit");
        byte[] buffer = new byte[4096];
        assertEquals(2048, in.read(buffer, 0, 4096), "the bytes within the limit come first");
        assertEquals("more than 2048 bytes, over the limit",
                assertThrows(Utf8TextInput.Refusal.class, () -> in.read(buffer, 0, 4096)).getMessage());
    }
}
