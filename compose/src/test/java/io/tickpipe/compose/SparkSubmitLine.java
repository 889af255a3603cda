package io.tickpipe.compose;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@code spark-submit [options] JAR [app args]} command line, split the way spark-submit splits it. */
public record SparkSubmitLine(Map<String, String> options, Map<String, String> conf, String jar, List<String> appArgs) {
    private static final String SPARK_SUBMIT = "/opt/spark/bin/spark-submit";
    private static final Set<String> FLAGS = Set.of("--verbose", "-v", "--supervise", "--help", "-h", "--version");

    public static SparkSubmitLine of(List<String> argv) {
        int i = argv.indexOf(SPARK_SUBMIT);
        if (i < 0) {
            throw new AssertionError("not a " + SPARK_SUBMIT + " command: " + argv);
        }
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> conf = new LinkedHashMap<>();
        i++;
        while (i < argv.size() && argv.get(i).startsWith("-")) {
            String option = argv.get(i);
            if (FLAGS.contains(option)) {
                options.put(option, "");
                i++;
                continue;
            }
            if (i + 1 >= argv.size()) {
                throw new AssertionError(option + " has no value in " + argv);
            }
            String value = argv.get(i + 1);
            if (option.equals("--conf")) {
                int eq = value.indexOf('=');
                conf.put(value.substring(0, eq), value.substring(eq + 1));
            } else {
                options.put(option, value);
            }
            i += 2;
        }
        if (i >= argv.size()) {
            throw new AssertionError("no application jar in " + argv);
        }
        return new SparkSubmitLine(options, conf, argv.get(i), List.copyOf(argv.subList(i + 1, argv.size())));
    }

    public String option(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new AssertionError("spark-submit line has no " + name + ": " + options);
        }
        return value;
    }

    /** The value following {@code name} among the application's arguments. */
    public String appArg(String name) {
        int i = appArgs.indexOf(name);
        if (i < 0 || i + 1 >= appArgs.size()) {
            throw new AssertionError("the job's arguments have no " + name + ": " + appArgs);
        }
        return appArgs.get(i + 1);
    }
}
