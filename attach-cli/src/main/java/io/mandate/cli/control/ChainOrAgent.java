package io.mandate.cli.control;

import picocli.CommandLine.Option;

/** {@code --chain ID | --agent ID}: what a revoke or restore is about (exactly one). */
public final class ChainOrAgent {
    @Option(names = "--chain", paramLabel = "ID", required = true,
            description = "a chain id (as the journal and mandate status show it); covers every chain it delegated to")
    String chain;

    @Option(names = "--agent", paramLabel = "ID", required = true,
            description = "an agent identity: its calls outside chains, its chains open now and later, and every chain they delegated to")
    String agent;
}
