package org.starttlslist.cli;

import java.util.concurrent.Callable;
import org.starttlslist.failure.CouldNotCompleteException;
import picocli.CommandLine.Command;

@Command(name = "publish", mixinStandardHelpOptions = true, description = "Push a release prepared with release --no-push (issue #5).")
final class PublishCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CouldNotCompleteException("'publish' is not implemented yet");
    }
}
