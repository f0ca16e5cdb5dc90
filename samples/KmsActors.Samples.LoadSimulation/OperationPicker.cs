namespace KmsActors.Samples.LoadSimulation;

/// <summary>Draws operations by the scenario's weights.</summary>
public sealed class OperationPicker
{
    private readonly SimOperation[] _operations;
    private readonly double[] _cumulative;

    public OperationPicker(IReadOnlyDictionary<SimOperation, double> weights)
    {
        var used = weights.Where(w => w.Value > 0).OrderBy(w => w.Key).ToArray();
        if (used.Length == 0)
            throw new ArgumentException("The operation mix has no operation with a positive weight.", nameof(weights));
        _operations = used.Select(w => w.Key).ToArray();
        var total = used.Sum(w => w.Value);
        var sum = 0.0;
        _cumulative = used.Select(w => sum += w.Value / total).ToArray();
    }

    public SimOperation Next(Random random)
    {
        var x = random.NextDouble();
        for (var i = 0; i < _cumulative.Length - 1; i++)
            if (x < _cumulative[i])
                return _operations[i];
        return _operations[^1];
    }
}
