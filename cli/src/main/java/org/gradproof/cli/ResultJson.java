package org.gradproof.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gradproof.check.BlockStatistics;
import org.gradproof.check.EntryResult;
import org.gradproof.check.GradientReport;

import java.io.UncheckedIOException;

/**
 * The {@code gradproof-result} document (version 1) that {@code check --json} and {@code compare --json} print: the
 * verdict, the diagnosis and its evidence, the hints at its likely cause, per-block statistics, the worst entries, and the full text report.
 * Non-finite numbers are written as the strings "NaN", "Infinity", "-Infinity" (strict JSON).
 */
final class ResultJson {

    static final String FORMAT = "gradproof-result";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultJson() {
    }

    /** The common part: format, command, files, and the checker's report. */
    static ObjectNode of(String command, GradientReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", 1);
        root.put("command", command);
        root.put("passed", report.passed());
        root.put("diagnosis", report.diagnosis().name());
        root.put("meaning", report.diagnosis().meaning());
        root.put("explanation", report.explanation());
        ArrayNode hints = root.putArray("hints");
        report.hints().forEach(hints::add);
        root.put("checked", report.description());
        root.put("loss", report.loss());
        root.put("fittedScale", report.fittedScale());
        root.put("entriesNotChecked", report.entriesNotChecked());
        ArrayNode wrong = root.putArray("wrongBlocks");
        report.wrongBlocks().forEach(wrong::add);
        ArrayNode blocks = root.putArray("blocks");
        for (BlockStatistics b : report.blocks()) {
            ObjectNode n = blocks.addObject();
            n.put("name", b.name());
            n.put("shape", b.shape());
            n.put("checked", b.checked());
            n.put("wrong", b.mismatched());
            n.put("kinks", b.kinks());
            n.put("unresolved", b.unresolved());
            n.put("maxRelativeError", b.maxRelativeError());
            n.put("fittedScale", b.fittedScale());
            n.put("scaleUncertainty", b.scaleUncertainty());
            n.put("cosine", b.cosine());
        }
        ArrayNode worst = root.putArray("worstEntries");
        for (EntryResult e : report.worstEntries(report.options().worstEntriesShown())) {
            ObjectNode n = worst.addObject();
            n.put("label", e.label());
            n.put("analytic", e.analytic());
            n.put("numeric", e.numeric());
            n.put("error", e.error());
            n.put("tolerance", e.tolerance());
            n.put("verdict", e.verdict().name());
            if (!e.note().isEmpty()) {
                n.put("note", e.note());
            }
        }
        if (!report.directions().isEmpty()) {
            ArrayNode directions = root.putArray("directions");
            for (EntryResult e : report.directions()) {
                ObjectNode n = directions.addObject();
                n.put("label", e.label());
                n.put("claimed", e.analytic());
                n.put("measured", e.numeric());
                n.put("error", e.measurementError());
                n.put("verdict", e.verdict().name());
            }
        }
        root.put("settings", report.options().toString());
        root.put("report", report.summary());
        return root;
    }

    static String text(ObjectNode root) {
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
