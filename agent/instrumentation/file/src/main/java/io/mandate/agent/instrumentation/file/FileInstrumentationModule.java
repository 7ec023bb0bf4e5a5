package io.mandate.agent.instrumentation.file;

import io.mandate.agent.instrumentation.AdviceReader;
import io.mandate.agent.config.AgentConfig;
import io.mandate.agent.instrumentation.AgentServices;
import io.mandate.agent.instrumentation.InstrumentationModule;
import io.mandate.agent.instrumentation.file.advice.ArchiveOpenAdvice;
import io.mandate.agent.instrumentation.file.advice.ChannelGatherWriteAdvice;
import io.mandate.agent.instrumentation.file.advice.ChannelReadAdvice;
import io.mandate.agent.instrumentation.file.advice.ChannelScatterReadAdvice;
import io.mandate.agent.instrumentation.file.advice.ChannelWriteAdvice;
import io.mandate.agent.instrumentation.file.advice.StreamArrayWriteAdvice;
import io.mandate.agent.instrumentation.file.advice.StreamByteReadAdvice;
import io.mandate.agent.instrumentation.file.advice.StreamByteWriteAdvice;
import io.mandate.agent.instrumentation.file.advice.StreamReadAdvice;
import io.mandate.agent.instrumentation.file.advice.StreamReadAllAdvice;
import io.mandate.agent.instrumentation.file.advice.StreamWriteAdvice;
import io.mandate.agent.instrumentation.file.advice.ChannelOpenAdvice;
import io.mandate.agent.instrumentation.file.advice.FileChangeAdvice;
import io.mandate.agent.instrumentation.file.advice.FileCreateAdvice;
import io.mandate.agent.instrumentation.file.advice.FileListAdvice;
import io.mandate.agent.instrumentation.file.advice.FileRenameAdvice;
import io.mandate.agent.instrumentation.file.advice.OutputStreamOpenAdvice;
import io.mandate.agent.instrumentation.file.advice.PathOperationAdvice;
import io.mandate.agent.instrumentation.file.advice.RandomAccessOpenAdvice;
import io.mandate.agent.instrumentation.file.advice.StreamOpenAdvice;
import io.mandate.agent.instrumentation.file.advice.TwoPathOperationAdvice;
import io.mandate.agent.instrumentation.file.runtime.ExemptPaths;
import io.mandate.agent.instrumentation.file.runtime.FileEnforcement;
import io.mandate.agent.instrumentation.file.runtime.FlightRecorderFiles;
import io.mandate.agent.instrumentation.file.runtime.LexicalPaths;
import io.mandate.agent.instrumentation.file.runtime.RealPaths;
import io.mandate.agent.enforcement.VolumeMeter;
import io.mandate.agent.instrumentation.file.runtime.FileByteMeter;
import io.mandate.bootstrap.file.FileDispatch;
import io.mandate.bootstrap.meter.ByteMeterDispatch;
import io.mandate.agent.instrumentation.Transformations;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static io.mandate.agent.instrumentation.AdviceReader.applying;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Decides every file the JVM opens, creates, deletes, renames or lists through the JDK, as
 * {@code file read|write|create|delete|list} of the path it really leads to. See docs/files.md for
 * the operations per API, path resolution, what is never decided and what is left out.
 *
 * The hooks are the JDK's choke points, present by these names in JDK 17 and 25 (one missing on
 * another version simply does not apply): the private {@code open} methods of FileInputStream,
 * FileOutputStream and RandomAccessFile; {@code File.delete}, {@code mkdir}, {@code renameTo},
 * {@code createNewFile} and the private {@code normalizedList}; the default file system provider's
 * channel, delete, copy, move, directory, link and directory-stream methods; and
 * {@code ZipFile$Source.get}, where the JVM opening jars to read code is told apart. Methods of
 * loaded classes, not constructors, so a late attach decides streams opened after
 * retransformation. The advice adds no members.
 *
 * Byte limits ({@code limit file bytes-read|bytes-written}): the read and write methods of those
 * streams and of {@code FileChannelImpl} count the bytes of the streams a decided open made
 * ({@link FileByteMeter}); writes are charged before they run.
 */
public final class FileInstrumentationModule implements InstrumentationModule {
    static final String FILE_INPUT_STREAM = "java.io.FileInputStream";
    static final String FILE_OUTPUT_STREAM = "java.io.FileOutputStream";
    static final String RANDOM_ACCESS_FILE = "java.io.RandomAccessFile";
    static final String FILE = "java.io.File";
    static final String ZIP_SOURCE = "java.util.zip.ZipFile$Source";
    static final String UNIX_PROVIDER = "sun.nio.fs.UnixFileSystemProvider";
    /** Every FileChannel of the default file system, and the getChannel() of java.io streams. */
    static final String FILE_CHANNEL = "sun.nio.ch.FileChannelImpl";

    private volatile FileByteMeter bytes;

    @Override
    public String name() {
        return "file";
    }

    @Override
    public void install(Transformations transformations, AgentServices services) {
        // Loading bridge classes from inside java.io while it is transformed could recurse.
        FileDispatch.preload();
        ByteMeterDispatch.preload();
        // Advice is read here, not in the transformers: reading it resolves the JDK types it names,
        // which must not happen while one of them is being loaded.
        AsmVisitorWrapper streamOpen = AdviceReader.of(StreamOpenAdvice.class)
                .on(named("open").and(takesArguments(String.class)));
        AsmVisitorWrapper outputOpen = AdviceReader.of(OutputStreamOpenAdvice.class)
                .on(named("open").and(takesArguments(String.class, boolean.class)));
        AsmVisitorWrapper randomAccessOpen = AdviceReader.of(RandomAccessOpenAdvice.class)
                .on(named("open").and(takesArguments(String.class, int.class)));
        AsmVisitorWrapper fileChange = AdviceReader.of(FileChangeAdvice.class)
                .on(namedOneOf("delete", "mkdir").and(takesArguments(0)));
        AsmVisitorWrapper fileRename = AdviceReader.of(FileRenameAdvice.class)
                .on(named("renameTo").and(takesArguments(File.class)));
        AsmVisitorWrapper fileList = AdviceReader.of(FileListAdvice.class)
                .on(named("normalizedList").and(takesArguments(0)));
        AsmVisitorWrapper fileCreate = AdviceReader.of(FileCreateAdvice.class)
                .on(named("createNewFile").and(takesArguments(0)));
        AsmVisitorWrapper archiveOpen = AdviceReader.of(ArchiveOpenAdvice.class)
                .on(named("get").and(isStatic()).and(takesArguments(3)).and(takesArgument(0, File.class))
                        .and(takesArgument(1, boolean.class)));
        AsmVisitorWrapper channelOpen = AdviceReader.of(ChannelOpenAdvice.class)
                .on(namedOneOf("newByteChannel", "newFileChannel", "newAsynchronousFileChannel")
                        .and(takesArgument(0, Path.class)).and(takesArgument(1, Set.class)));
        AsmVisitorWrapper pathOperation = AdviceReader.of(PathOperationAdvice.class)
                .on(namedOneOf("implDelete", "createDirectory", "newDirectoryStream")
                        .and(takesArgument(0, Path.class)));
        AsmVisitorWrapper streamReads = new AsmVisitorWrapper.Compound(
                AdviceReader.of(StreamReadAdvice.class).on(named("read").and(takesArguments(byte[].class, int.class, int.class)
                        .or(takesArguments(byte[].class)))),
                AdviceReader.of(StreamByteReadAdvice.class).on(named("read").and(takesArguments(0))),
                AdviceReader.of(StreamReadAllAdvice.class).on(named("readAllBytes").and(takesArguments(0))
                        .or(named("readNBytes").and(takesArguments(int.class)))));
        AsmVisitorWrapper streamWrites = new AsmVisitorWrapper.Compound(
                AdviceReader.of(StreamWriteAdvice.class).on(named("write").and(takesArguments(byte[].class, int.class, int.class))),
                AdviceReader.of(StreamArrayWriteAdvice.class).on(named("write").and(takesArguments(byte[].class))),
                AdviceReader.of(StreamByteWriteAdvice.class).on(named("write").and(takesArguments(int.class))));
        AsmVisitorWrapper channelBytes = new AsmVisitorWrapper.Compound(
                AdviceReader.of(ChannelReadAdvice.class).on(named("read").and(takesArguments(ByteBuffer.class)
                        .or(takesArguments(ByteBuffer.class, long.class)))),
                AdviceReader.of(ChannelScatterReadAdvice.class).on(named("read")
                        .and(takesArguments(ByteBuffer[].class, int.class, int.class))),
                AdviceReader.of(ChannelWriteAdvice.class).on(named("write").and(takesArguments(ByteBuffer.class)
                        .or(takesArguments(ByteBuffer.class, long.class)))),
                AdviceReader.of(ChannelGatherWriteAdvice.class).on(named("write")
                        .and(takesArguments(ByteBuffer[].class, int.class, int.class))));
        AsmVisitorWrapper twoPathOperation = AdviceReader.of(TwoPathOperationAdvice.class)
                .on(namedOneOf("copy", "move", "createSymbolicLink", "createLink")
                        .and(takesArgument(0, Path.class)).and(takesArgument(1, Path.class)));

        String workingDirectory = LexicalPaths.absolute(System.getProperty("user.dir", "/"), "/");
        AgentConfig config = services.config();
        ExemptPaths exempt = new ExemptPaths(ExemptPaths.jvmPaths(), config == null ? null : config.journal(),
                config == null ? null : config.policy(), FileInstrumentationModule.class.getClassLoader(),
                workingDirectory);
        FileByteMeter meter = new FileByteMeter(new VolumeMeter(services.enforcer(), services::internalError));
        bytes = meter;
        ByteMeterDispatch.install(ByteMeterDispatch.FILE_READ, meter);
        FileDispatch.install(new FileEnforcement(services.enforcer(), new RealPaths(), exempt, workingDirectory,
                services::internalError, meter,
                new FlightRecorderFiles(FileInstrumentationModule.class.getClassLoader())));
        transformations
                .type(named(FILE_INPUT_STREAM)).transform(applying(streamOpen)).transform(applying(streamReads))
                .type(named(FILE_OUTPUT_STREAM)).transform(applying(outputOpen)).transform(applying(streamWrites))
                .type(named(RANDOM_ACCESS_FILE)).transform(applying(randomAccessOpen)).transform(applying(streamReads))
                .transform(applying(streamWrites))
                .type(named(FILE_CHANNEL)).transform(applying(channelBytes))
                .type(named(FILE)).transform(applying(fileChange)).transform(applying(fileRename))
                .transform(applying(fileList)).transform(applying(fileCreate))
                .type(named(ZIP_SOURCE)).transform(applying(archiveOpen))
                .type(named(UNIX_PROVIDER)).transform(applying(channelOpen)).transform(applying(pathOperation))
                .transform(applying(twoPathOperation));
    }

    @Override
    public List<String> jdkClassPrefixes() {
        return List.of(FILE, RANDOM_ACCESS_FILE, ZIP_SOURCE, UNIX_PROVIDER, FILE_CHANNEL);
    }

    @Override
    public void uninstall() {
        FileDispatch.uninstall();
        ByteMeterDispatch.uninstall(ByteMeterDispatch.FILE_READ);
        FileByteMeter meter = bytes;
        if (meter != null) {
            meter.forgetAll();
        }
        bytes = null;
    }

}
