package org.gradproof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gradproof.io.BatchDocument;
import org.gradproof.io.GradientsDocument;
import org.gradproof.io.InterchangeModel;
import org.gradproof.io.LstmModelDocument;
import org.gradproof.io.ModelDocument;
import org.gradproof.io.SequenceBatchDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The examples in docs/interchange.md are real: they parse, and the outputs shown are what the commands print. */
class InterchangeDocTest {

    private static final Path DOC = Path.of("..", "docs", "interchange.md");

    @TempDir
    Path dir;

    static Map<String, String> examples() throws Exception {
        Matcher m = Pattern.compile("<!-- example: ([a-z-]+) -->\\s*```json\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(DOC));
        Map<String, String> examples = new LinkedHashMap<>();
        while (m.find()) {
            examples.put(m.group(1), m.group(2));
        }
        return examples;
    }

    @Test
    void everyDocumentTypeHasAnExample() throws Exception {
        assertEquals("[model, batch, gradients, their-gradients, result, lstm-model, lstm-batch, lstm-gradients]",
                examples().keySet().toString());
    }

    @Test
    void theExamplesParseAndTheGradientsAreWhatGradPrints() throws Exception {
        Map<String, String> ex = examples();
        ModelDocument model = ModelDocument.parse(ex.get("model"), "model example");
        BatchDocument.parse(ex.get("batch"), "batch example");
        model.parameterGradients(GradientsDocument.parse(ex.get("gradients"), "gradients example"));
        Path modelFile = Cli.write(dir, "model.json", ex.get("model"));
        Path batchFile = Cli.write(dir, "batch.json", ex.get("batch"));
        Cli.Run grad = Cli.run("grad", modelFile, batchFile);
        assertEquals(0, grad.exitCode(), grad::toString);
        assertEquals(ex.get("gradients"), grad.out(), "docs/interchange.md's gradients example is not what this build "
                + "prints: paste the output of ./gradproof grad model.json batch.json (the model and batch examples)");
    }

    @Test
    void theLstmExamplesParseAndTheGradientsAreWhatGradPrints() throws Exception {
        Map<String, String> ex = examples();
        LstmModelDocument model = (LstmModelDocument) InterchangeModel.parse(ex.get("lstm-model"), "lstm-model example");
        SequenceBatchDocument.parse(ex.get("lstm-batch"), "lstm-batch example").requireFits(model.architecture());
        model.parameterGradients(GradientsDocument.parse(ex.get("lstm-gradients"), "lstm-gradients example"));
        Path modelFile = Cli.write(dir, "model.json", ex.get("lstm-model"));
        Path batchFile = Cli.write(dir, "batch.json", ex.get("lstm-batch"));
        Cli.Run grad = Cli.run("grad", modelFile, batchFile);
        assertEquals(0, grad.exitCode(), grad::toString);
        assertEquals(ex.get("lstm-gradients"), grad.out(), "docs/interchange.md's lstm-gradients example is not what "
                + "this build prints: paste the output of ./gradproof grad model.json batch.json (the lstm-model and "
                + "lstm-batch examples)");
        assertEquals(ex.get("lstm-model"), model.toJson(), "the lstm-model example is written as toJson writes it");
    }

    @Test
    void theResultExampleIsWhatCompareJsonPrints() throws Exception {
        Map<String, String> ex = examples();
        Path modelFile = Cli.write(dir, "model.json", ex.get("model"));
        Path batchFile = Cli.write(dir, "batch.json", ex.get("batch"));
        Path theirs = Cli.write(dir, "theirs.json", ex.get("their-gradients"));
        Cli.Run run = Cli.run("compare", "--json", "--worst-entries", "2", modelFile, batchFile, theirs);
        assertEquals(1, run.exitCode(), run::toString);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode shown = withoutFileNames(mapper.readTree(ex.get("result")));
        JsonNode printed = withoutFileNames(mapper.readTree(run.out()));
        assertEquals(shown, printed, "docs/interchange.md's result example is not what this build prints: save the "
                + "model, batch and their-gradients examples as model.json, batch.json and theirs.json, and paste the "
                + "output of ./gradproof compare --json --worst-entries 2 model.json batch.json theirs.json");
        assertTrue(shown.get("reproduction").get("explanation").asText().startsWith("matches BP-60"));
    }

    private static JsonNode withoutFileNames(JsonNode node) {
        ((ObjectNode) node).remove(java.util.List.of("model", "batch", "gradients"));
        return node;
    }
}
