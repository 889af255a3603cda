package io.tickpipe.batch.files;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The driver's Hadoop configuration, carried to the tasks that open the files (a Configuration is
 * not serializable): file system implementations, endpoints and credentials as the session has them.
 */
final class HadoopSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private final HashMap<String, String> entries = new HashMap<>();

    private HadoopSettings(Configuration conf) {
        for (Map.Entry<String, String> entry : conf) {
            entries.put(entry.getKey(), entry.getValue());
        }
    }

    static HadoopSettings of(Configuration conf) {
        return new HadoopSettings(conf);
    }

    Configuration configuration() {
        Configuration conf = new Configuration(false);
        entries.forEach(conf::set);
        return conf;
    }
}
