import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarizes the CPU samples (jdk.ExecutionSample) of a JFR recording: each sample is charged to the
 * innermost stack frame that belongs to a known library or to Switchboard, so JDK code (HashMap, String,
 * sockets) counts for whoever called it. Then the top frames inside one of those groups.
 *
 * <pre>java bench/JfrProfile.java recording.jfr [group to detail, e.g. tomcat] [how many frames]</pre>
 *
 * Record with e.g. {@code -XX:FlightRecorderOptions:stackdepth=256
 * -XX:StartFlightRecording=delay=45s,duration=30s,filename=/tmp/app.jfr,settings=profile} (the default
 * stack depth of 64 cuts Spring's stacks short).
 */
public class JfrProfile {

    private static final Map<String, String> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("dev.switchboard.", "switchboard");
        GROUPS.put("org.postgresql.", "pgjdbc");
        GROUPS.put("com.zaxxer.hikari.", "hikari");
        GROUPS.put("tools.jackson.", "jackson");
        GROUPS.put("com.fasterxml.jackson.", "jackson");
        GROUPS.put("org.hibernate.validator.", "bean validation");
        GROUPS.put("jakarta.validation.", "bean validation");
        GROUPS.put("io.micrometer.", "micrometer");
        GROUPS.put("org.springframework.security.", "spring security");
        GROUPS.put("org.springframework.jdbc.", "spring jdbc");
        GROUPS.put("org.springframework.transaction.", "spring tx");
        GROUPS.put("org.springframework.aop.", "spring aop");
        GROUPS.put("org.springframework.cglib.", "spring aop");
        GROUPS.put("org.springframework.web.", "spring web");
        GROUPS.put("org.springframework.http.", "spring web");
        GROUPS.put("org.springframework.", "spring (other)");
        GROUPS.put("org.apache.catalina.", "tomcat");
        GROUPS.put("org.apache.coyote.", "tomcat");
        GROUPS.put("org.apache.tomcat.", "tomcat");
        GROUPS.put("org.jsoup.", "jsoup");
        GROUPS.put("ch.qos.logback.", "logging");
        GROUPS.put("org.slf4j.", "logging");
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java bench/JfrProfile.java recording.jfr [group] [frames]");
            System.exit(2);
        }
        String detail = args.length > 1 ? args[1] : "switchboard";
        int frames = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        Map<String, Integer> groups = new HashMap<>();
        Map<String, Integer> inDetail = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            samples++;
            String group = "jdk (other)";
            String frame = null;
            RecordedStackTrace stack = event.getStackTrace();
            List<RecordedFrame> list = stack == null ? List.of() : stack.getFrames();
            search:
            for (RecordedFrame f : list) {
                String type = f.getMethod().getType().getName();
                for (Map.Entry<String, String> g : GROUPS.entrySet()) {
                    if (type.startsWith(g.getKey())) {
                        group = g.getValue();
                        frame = type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
                        break search;
                    }
                }
            }
            groups.merge(group, 1, Integer::sum);
            if (group.equals(detail) && frame != null) {
                inDetail.merge(frame, 1, Integer::sum);
            }
        }
        System.out.println("CPU samples: " + samples);
        print(groups, samples, groups.size());
        System.out.println("-- in " + detail + " (innermost frame of that group, JDK code below it included)");
        print(inDetail, samples, frames);
    }

    private static void print(Map<String, Integer> counts, int total, int limit) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .forEach(e -> System.out.printf("%6.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, total), e.getKey()));
    }
}
