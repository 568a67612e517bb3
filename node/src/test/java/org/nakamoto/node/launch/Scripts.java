package org.nakamoto.node.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the project's shell launchers as a user would, for the *IT tests. */
final class Scripts {
    private Scripts() {
    }

    /** The repository root: node/ is the working directory of the node module's tests. */
    static Path repoRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("bin")) ? here : here.getParent();
    }

    record Result(int exit, String output) {
    }

    static Result run(Path cwd, Map<String, String> env, long timeoutSeconds, List<String> command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("script", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s:\n" + Files.readString(out));
        }
        return new Result(p.exitValue(), Files.readString(out));
    }

    /** Whether any live process's command line contains {@code fragment}. */
    static boolean anyProcessMentions(String fragment) throws IOException {
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    if (cmd.contains(fragment)) {
                        return true;
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        }
        return false;
    }
}
