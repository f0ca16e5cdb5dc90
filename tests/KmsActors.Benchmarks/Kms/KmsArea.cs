using System.Runtime.CompilerServices;
using KmsActors.Benchmarks.Quick;

namespace KmsActors.Benchmarks.Kms;

/// <summary>Quick mode area "kms": the engine's hot paths against raw crypto.
/// An extra word after the area picks one group: <c>-- kms encrypt --quick</c>, <c>-- kms import --quick</c>,
/// <c>-- kms import.rsa2048 --quick</c> (only ImportKeyMaterial's throughput and its RSA decryption limit),
/// <c>-- kms mix --quick</c> (the load simulation's asymmetric crypto alone) or <c>-- kms isolation --quick</c> (only on request).</summary>
public sealed class KmsArea : IQuickArea
{
    public string Name => "kms";

    public async IAsyncEnumerable<Measurement> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var args = Environment.GetCommandLineArgs();
        var onlyEncrypt = args.Contains("encrypt", StringComparer.OrdinalIgnoreCase);
        // "import.rsa2048" alone: only the import throughput and its limit (no pool latency measurements).
        var onlyImportRsa = args.Contains("import.rsa2048", StringComparer.OrdinalIgnoreCase);
        var onlyImport = onlyImportRsa || args.Contains("import", StringComparer.OrdinalIgnoreCase);
        if (args.Contains("mix", StringComparer.OrdinalIgnoreCase))
        {
            var (rsaSign, rsaVerify, ecdsaSign, ecdsaVerify, perMixCall) = MixCryptoMeasurements.PerOperation();
            yield return new Measurement("mix.rsa2048.sign", rsaSign, "us/op");
            yield return new Measurement("mix.rsa2048.verify", rsaVerify, "us/op");
            yield return new Measurement("mix.ecdsa-p256.sign", ecdsaSign, "us/op");
            yield return new Measurement("mix.ecdsa-p256.verify", ecdsaVerify, "us/op");
            yield return new Measurement("mix.asymmetric.cpu-per-call", perMixCall, "us/call");
            // Both cores doing nothing but the mix's asymmetric crypto: no engine can answer the mix faster.
            yield return new Measurement("mix.asymmetric.ceiling", Environment.ProcessorCount * 1e6 / perMixCall, "ops/s");
            yield break;
        }
        if (args.Contains("isolation", StringComparer.OrdinalIgnoreCase))
        {
            // Only on request (`-- kms isolation --quick`): other keys' p99 with and without keys held on the vault.
            var (free, held, stillHeld) = await IsolationMeasurements.OtherKeysP99();
            yield return new Measurement("isolation.other-keys.p99.free", free, "ms");
            yield return new Measurement("isolation.other-keys.p99.held", held, "ms");
            yield return new Measurement("isolation.other-keys.p99.ratio", held / free, "x free");
            yield return new Measurement("isolation.calls-held-throughout", stillHeld, "calls");
            yield break;
        }
        if (!onlyImport)
        {
            var (engineSide, rawSide) = await EncryptMeasurements.SideBySide();
            var (engine, bytesPerOp, engineCpu) = (engineSide.OpsPerSecond, engineSide.BytesPerOp, engineSide.CpuMicrosecondsPerOp);
            yield return new Measurement("encrypt.engine", engine, "ops/s");
            // Nearly load-independent: what the whole process allocated and the CPU it used per Encrypt.
            yield return new Measurement("encrypt.engine.bytes-per-op", bytesPerOp, "B/op");
            yield return new Measurement("encrypt.engine.cpu-per-op", engineCpu, "us/op");
            var (raw, rawCpu) = (rawSide.OpsPerSecond, rawSide.CpuMicrosecondsPerOp);
            yield return new Measurement("encrypt.raw", raw, "ops/s");
            yield return new Measurement("encrypt.raw.cpu-per-op", rawCpu, "us/op");
            yield return new Measurement("encrypt.engine.ratio", engine / raw, "x raw");
            // What the ratio would be on two idle cores: raw CPU per op over engine CPU per op.
            yield return new Measurement("encrypt.engine.cpu-ratio", rawCpu / engineCpu, "x raw");
            yield return new Measurement("authz.eval", AuthorizationMeasurements.NanosecondsPerEvaluation(), "ns/eval");
            var (checkNs, checkBytes) = ValidationMeasurements.PerCheck();
            yield return new Measurement("validation.check", checkNs, "ns/check");
            yield return new Measurement("validation.check.bytes", checkBytes, "B/check");
        }
        if (!onlyEncrypt)
        {
            if (!onlyImportRsa)
            {
                yield return new Measurement("gpfi.warm.p99", await ImportMeasurements.WarmP99(), "ms");
                yield return new Measurement("gpfi.cold.mean", await ImportMeasurements.ColdMean(), "ms");
            }
            // The imports and their limit in turns (ImportMeasurements.SideBySide: the machine's speed drifts).
            var (importSide, limitSide) = await ImportMeasurements.SideBySide();
            var (imports, importCpu) = (importSide.OpsPerSecond, importSide.CpuMicrosecondsPerOp);
            var (limit, decryptCpu) = (limitSide.OpsPerSecond, limitSide.CpuMicrosecondsPerOp);
            yield return new Measurement("import.rsa2048", imports, "imports/s");
            yield return new Measurement("import.rsa2048.decrypt-limit", limit, "decrypts/s");
            yield return new Measurement("import.rsa2048.ratio", imports / limit, "x limit");
            // CPU per import and per decryption (the whole process, in nanoseconds), and their ratio: with both sides
            // keeping the cores busy it follows the throughput ratio, and says how much of a gap is work, not waiting.
            yield return new Measurement("import.rsa2048.cpu-per-op", importCpu, "us/op");
            yield return new Measurement("import.rsa2048.decrypt-cpu-per-op", decryptCpu, "us/op");
            yield return new Measurement("import.rsa2048.cpu-ratio", decryptCpu / importCpu, "x limit");
        }
    }
}
