package org.starttlslist.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.starttlslist.lifecycle.Outbox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "notify",
        mixinStandardHelpOptions = true,
        description = {
            "Deliver the notices waiting in history/outbox/ (queued by recheck apply and",
            "promote; left there by --no-send, a relay failure or the notices-per-run limit).",
            "The relay comes from the environment: STARTTLS_LIST_SMTP_HOST, _PORT (587),",
            "_USER, _PASSWORD, _FROM, _CA_FILE. STARTTLS is required.",
        })
final class NotifyCommand implements Callable<Integer> {
    @ParentCommand RootCommand root;

    @Mixin NowOption now;

    @Mixin NoticeOptions notices;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (Outbox.pending(root.repository()).isEmpty()) {
            out.println("no notice waiting");
            return ExitCodes.OK;
        }
        return notices.deliver(root.repository(), now.instant(), out, spec.commandLine().getErr())
                ? ExitCodes.OK
                : ExitCodes.COULD_NOT_COMPLETE;
    }
}
