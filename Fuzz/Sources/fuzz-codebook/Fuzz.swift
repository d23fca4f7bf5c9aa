import DuidingFuzzing
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzCodebook(Data(bytes: data, count: size))
    return 0
}
