package io.tickpipe.batch.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.apache.spark.util.TaskCompletionListener;

/**
 * The rows of one input file, made a line at a time as Spark pulls them, so a task holds one line
 * of a file, not the file. The file is closed at its end, or when the task ends first.
 */
final class FileRows implements Iterator<Row> {
    /** The next row of the file, or null at its end. */
    interface Source {
        Row next() throws IOException;
    }

    private final AutoCloseable file;
    private final Source source;
    private Row pending;
    private boolean done;

    FileRows(AutoCloseable file, Source source) {
        this.file = file;
        this.source = source;
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) ended -> close());
        }
    }

    /** Opens {@code file} on its file system. */
    static InputStream open(InputFile file, HadoopSettings settings) {
        Path path = new Path(URI.create(file.uri()));
        try {
            return path.getFileSystem(settings.configuration()).open(path);
        } catch (IOException e) {
            throw new UncheckedIOException(file.name() + ": cannot open: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean hasNext() {
        if (pending == null && !done) {
            try {
                pending = source.next();
            } catch (IOException e) {
                close();
                throw new UncheckedIOException(e);
            }
            if (pending == null) {
                close();
            }
        }
        return pending != null;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Row row = pending;
        pending = null;
        return row;
    }

    private void close() {
        if (!done) {
            done = true;
            try {
                file.close();
            } catch (Exception e) {
                // Every row is out; a failing close loses nothing.
            }
        }
    }
}
