using System.Runtime.CompilerServices;
using KmsActors.Benchmarks.Quick;

namespace KmsActors.Benchmarks.Kms;

/// <summary>Quick mode area "kms": the engine's hot paths against raw crypto.</summary>
public sealed class KmsArea : IQuickArea
{
    public string Name => "kms";

    public async IAsyncEnumerable<Measurement> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var engine = await EncryptMeasurements.Engine();
        yield return new Measurement("encrypt.engine", engine, "ops/s");
        var raw = await EncryptMeasurements.Raw();
        yield return new Measurement("encrypt.raw", raw, "ops/s");
        yield return new Measurement("encrypt.engine.ratio", engine / raw, "x raw");
        yield return new Measurement("gpfi.warm.p99", await ImportMeasurements.WarmP99(), "ms");
        yield return new Measurement("gpfi.cold.mean", await ImportMeasurements.ColdMean(), "ms");
        yield return new Measurement("import.rsa2048", await ImportMeasurements.ImportsPerSecond(), "imports/s");
    }
}
