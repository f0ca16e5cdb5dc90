namespace KmsActors.Samples.LoadSimulation;

/// <summary>The calls the simulation makes, named as AWS names them.</summary>
public enum SimOperation
{
    Encrypt,
    Decrypt,
    GenerateDataKey,
    Sign,
    Verify,
    GenerateMac,
    DescribeKey,
    CreateKey,
    GetParametersForImport,
    ImportKeyMaterial,
    DeleteImportedKeyMaterial,
    ListKeys,
}
