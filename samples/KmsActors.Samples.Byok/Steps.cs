namespace KmsActors.Samples.Byok;

/// <summary>Prints the sample's numbered steps.</summary>
internal sealed class Steps
{
    private int _number;

    public void Print(string what, string result) => Console.WriteLine($"{++_number,2}. {what,-58} {result}");
}
