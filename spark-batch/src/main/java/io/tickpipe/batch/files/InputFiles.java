package io.tickpipe.batch.files;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The files a list of paths names, on any Hadoop file system (hdfs://, s3a://, file:// and the like;
 * a path without a scheme is on the default one, {@code fs.defaultFS}: local unless the cluster sets
 * another), listed on the driver (names only, no content).
 * <ul>
 *   <li>A file is read whatever its name.</li>
 *   <li>A directory stands for the files under it, at any depth, whose names end in {@code .csv} or
 *       {@code .csv.gz} (in any case), in the order of their paths; names starting with {@code .} or
 *       {@code _} (hidden, {@code _SUCCESS}) and what is under such directories are left out.</li>
 *   <li>The order of the inputs is that of the paths, each directory's files in its place; a file
 *       named twice is read once, in its first place.</li>
 * </ul>
 */
final class InputFiles {
    private InputFiles() {
    }

    /**
     * @throws IllegalArgumentException naming a path that does not exist
     * @throws UncheckedIOException when a file system cannot be listed
     */
    static List<InputFile> list(Configuration conf, List<String> paths) {
        Map<String, String> files = new LinkedHashMap<>();
        for (String given : paths) {
            Path path = new Path(given);
            try {
                FileSystem fs = path.getFileSystem(conf);
                FileStatus status;
                try {
                    status = fs.getFileStatus(path);
                } catch (FileNotFoundException e) {
                    throw new IllegalArgumentException(given + ": no such file or directory");
                }
                if (status.isFile()) {
                    files.putIfAbsent(status.getPath().toUri().toString(), nameOf(status.getPath()));
                    continue;
                }
                List<Path> found = new ArrayList<>();
                RemoteIterator<LocatedFileStatus> under = fs.listFiles(status.getPath(), true);
                while (under.hasNext()) {
                    Path file = under.next().getPath();
                    if (isData(file, status.getPath())) {
                        found.add(file);
                    }
                }
                found.sort(null);
                for (Path file : found) {
                    files.putIfAbsent(file.toUri().toString(), nameOf(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(given + ": cannot list: " + e.getMessage(), e);
            }
        }
        List<InputFile> inputs = new ArrayList<>();
        files.forEach((uri, name) -> inputs.add(new InputFile(inputs.size(), uri, name)));
        return inputs;
    }

    private static boolean isData(Path file, Path directory) {
        String name = file.getName().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".csv") && !name.endsWith(".csv.gz")) {
            return false;
        }
        int depth = directory.depth();
        for (Path p = file; p != null && p.depth() > depth; p = p.getParent()) {
            if (p.getName().startsWith(".") || p.getName().startsWith("_")) {
                return false;
            }
        }
        return true;
    }

    private static String nameOf(Path path) {
        return "file".equals(path.toUri().getScheme()) ? path.toUri().getPath() : path.toString();
    }
}
