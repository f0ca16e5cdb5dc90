using System.Runtime.CompilerServices;
using KmsActors.Benchmarks.Quick;

namespace KmsActors.Benchmarks.Kms;

/// <summary>Quick mode area "kms": the engine's hot paths against raw crypto.
/// An extra word after the area picks one group: <c>-- kms encrypt --quick</c> or <c>-- kms import --quick</c>.</summary>
public sealed class KmsArea : IQuickArea
{
    public string Name => "kms";

    public async IAsyncEnumerable<Measurement> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var args = Environment.GetCommandLineArgs();
        var onlyEncrypt = args.Contains("encrypt", StringComparer.OrdinalIgnoreCase);
        var onlyImport = args.Contains("import", StringComparer.OrdinalIgnoreCase);
        if (!onlyImport)
        {
            var (engine, bytesPerOp) = await EncryptMeasurements.Engine();
            yield return new Measurement("encrypt.engine", engine, "ops/s");
            // Load-independent: what the whole process allocated per Encrypt (callers, actors, audit, GC-visible crypto).
            yield return new Measurement("encrypt.engine.bytes-per-op", bytesPerOp, "B/op");
            var raw = await EncryptMeasurements.Raw();
            yield return new Measurement("encrypt.raw", raw, "ops/s");
            yield return new Measurement("encrypt.engine.ratio", engine / raw, "x raw");
        }
        if (!onlyEncrypt)
        {
            yield return new Measurement("gpfi.warm.p99", await ImportMeasurements.WarmP99(), "ms");
            yield return new Measurement("gpfi.cold.mean", await ImportMeasurements.ColdMean(), "ms");
            yield return new Measurement("import.rsa2048", await ImportMeasurements.ImportsPerSecond(), "imports/s");
        }
    }
}
