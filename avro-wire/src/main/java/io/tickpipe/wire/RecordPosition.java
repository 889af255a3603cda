package io.tickpipe.wire;

/** Where a record came from, as far as the caller knows; unknown parts are null / -1. */
public record RecordPosition(String topic, int partition, long offset) {
    public static final RecordPosition UNKNOWN = new RecordPosition(null, -1, -1);

    public static RecordPosition of(String topic) {
        return new RecordPosition(topic, -1, -1);
    }

    @Override
    public String toString() {
        return "record " + (topic == null ? "<unknown topic>" : topic)
                + (partition >= 0 ? "-" + partition : "")
                + (offset >= 0 ? "@" + offset : "");
    }
}
