package io.tickpipe.batch.files;

import java.io.Serializable;

/**
 * One file to read: its place in the order of the inputs, its qualified URI, encoded (how a task opens it), and
 * its name for people (a local file's path, any other file's URI), which rejects and messages show.
 */
record InputFile(int order, String uri, String name) implements Serializable {
}
