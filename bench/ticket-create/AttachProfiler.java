import com.sun.tools.attach.VirtualMachine;

/**
 * Loads async-profiler into a running JVM with the given options (start, stop, file=...), for PROFILE=1 in
 * run.sh: the profile then covers the measured period only, not start-up and warm-up.
 *
 * <pre>java AttachProfiler.java PID /path/to/libasyncProfiler.so start,event=cpu,interval=2ms</pre>
 */
public class AttachProfiler {
    public static void main(String[] args) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        try {
            vm.loadAgentPath(args[1], args[2]);
        } finally {
            vm.detach();
        }
    }
}
