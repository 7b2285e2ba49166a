package org.starttlslist.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.starttlslist.demo.Demo;
import org.starttlslist.demo.DemoKeys;
import org.starttlslist.source.ListRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run the real release pipeline on a scratch copy of this repository's list:",
            "a throwaway key in DIR/maintainer/, a list repository DIR/list/, a bare",
            "remote DIR/publish.git, then validate, build, sign, verify, commit, tag and",
            "push. No set-up, no network; your clone, git config and GnuPG home are not",
            "touched. DIR is replaced only if an earlier demo made it."
        })
final class DemoCommand implements Callable<Integer> {
    @ParentCommand RootCommand root;

    @Mixin NowOption now;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Where to put everything (default: target/demo in the repository).")
    Path dir;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ListRepository source = root.repository();
        // As with git -C, a relative --dir is relative to the -C directory.
        Path directory =
                dir == null
                        ? source.root().resolve("target").resolve("demo")
                        : root.directory == null ? dir : root.directory.resolve(dir);
        PrintWriter out = spec.commandLine().getOut();
        Demo.run(source, directory, now.instant(), DemoKeys::generate, out);
        return ExitCodes.OK;
    }
}
