namespace KmsActors.Benchmarks.Quick;

/// <summary>An area of the quick console mode (<c>-- &lt;area&gt; --quick</c>): measures and yields its figures.</summary>
public interface IQuickArea
{
    string Name { get; }
    IAsyncEnumerable<Measurement> RunAsync(CancellationToken cancellationToken);
}
