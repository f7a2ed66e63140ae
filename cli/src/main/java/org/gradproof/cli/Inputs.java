package org.gradproof.cli;

import org.gradproof.io.BatchDocument;
import org.gradproof.io.GradientsDocument;
import org.gradproof.io.InterchangeModel;
import org.gradproof.io.LstmModelDocument;
import org.gradproof.io.ModelDocument;
import org.gradproof.io.SequenceBatchDocument;
import org.gradproof.nn.Batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the documents named on the command line; every failure is a {@link BadInputException} naming the file. */
final class Inputs {

    private Inputs() {
    }

    static InterchangeModel model(Path file) {
        requireReadable(file, "model");
        try {
            return InterchangeModel.read(file);
        } catch (IOException e) {
            throw unreadable(file, "model", e);
        }
    }

    /** The batch, checked against the model's input and output widths. */
    static Batch batch(Path file, ModelDocument model) {
        requireReadable(file, "batch");
        Batch batch;
        try {
            batch = BatchDocument.read(file);
        } catch (IOException e) {
            throw unreadable(file, "batch", e);
        }
        try {
            return model.requireFits(batch, file.toString());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** A sequence batch, checked against the LSTM model. */
    static SequenceBatchDocument sequences(Path file, LstmModelDocument model) {
        requireReadable(file, "batch");
        try {
            return SequenceBatchDocument.read(file).requireFits(model);
        } catch (IOException e) {
            throw unreadable(file, "batch", e);
        }
    }

    static GradientsDocument gradients(Path file) {
        requireReadable(file, "gradients");
        try {
            return GradientsDocument.read(file);
        } catch (IOException e) {
            throw unreadable(file, "gradients", e);
        }
    }

    private static void requireReadable(Path file, String what) {
        if (!Files.exists(file)) {
            throw new BadInputException(file + ": no such file (the " + what + " document)");
        }
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a directory, expected the " + what + " document");
        }
    }

    private static BadInputException unreadable(Path file, String what, IOException e) {
        String reason = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
        return new BadInputException(file + ": cannot read the " + what + " document: " + reason);
    }
}
