namespace KmsActors.Kms.Model;

/// <summary>Which actor answers an operation (docs/catalogue.md).</summary>
public enum OperationHandler
{
    /// <summary>The region actor answers it itself: it names no key, or it writes the region's alias index.</summary>
    Region,

    /// <summary>The region resolves the key the call names and forwards it to that key's actor.</summary>
    Key,

    /// <summary>KmsActors does not implement it (custom key stores, GetKeyLastUsage): UnsupportedOperationException.</summary>
    Unsupported,
}
