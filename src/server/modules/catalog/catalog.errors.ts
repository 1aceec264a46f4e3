import { defineErrors } from '../../kernel/http/errors.js';

export const CatalogErrors = defineErrors({
  BRAND_NOT_FOUND: {
    status: 404,
    zh: '未找到该品牌',
    en: 'Brand not found',
    when: 'no brand has that id',
  },
  SERIES_NOT_FOUND: {
    status: 404,
    zh: '未找到该车系',
    en: 'Series not found',
    when: 'no series has that id (or, in an import, that slug)',
  },
  TRIM_NOT_FOUND: {
    status: 404,
    zh: '未找到该车型',
    en: 'Trim not found',
    when: 'no trim has that id',
  },
  PARAMETER_NOT_FOUND: {
    status: 404,
    zh: '未找到参数 {key}',
    en: 'Parameter {key} not found',
    when: 'the dictionary has no parameter with that key',
  },
  PARAMETER_KEY_TAKEN: {
    status: 409,
    zh: '参数键 {key} 已存在',
    en: 'Parameter key {key} already exists',
    when: 'creating a dictionary entry whose key exists',
  },
  PARAMETER_TYPE_LOCKED: {
    status: 409,
    zh: '参数 {key} 已有车型填写，不能更改类型',
    en: 'Parameter {key} has values on trims; its type cannot change',
    when: 'changing the value type of a parameter that trims already use',
  },
  SLUG_TAKEN: {
    status: 409,
    zh: '标识 {slug} 已被使用',
    en: 'The slug {slug} is already used',
    when: 'creating or renaming a brand or series to a slug another one has',
  },
  TRIM_NAME_TAKEN: {
    status: 409,
    zh: '该车系同一年款下已有同名车型',
    en: 'The series already has a trim with this name in this model year',
    when: 'two trims of one series and model year would share a name',
  },
  BRAND_HAS_SERIES: {
    status: 409,
    zh: '该品牌下仍有车系，不能删除',
    en: 'The brand still has series and cannot be deleted',
    when: 'deleting a brand that has series',
  },
  SERIES_HAS_TRIMS: {
    status: 409,
    zh: '该车系下仍有车型，不能删除',
    en: 'The series still has trims and cannot be deleted',
    when: 'deleting a series that has trims',
  },
  TRIM_IN_USE: {
    status: 409,
    zh: '该车型已被车源引用，不能删除，请改为停售',
    en: 'The trim is used by listings; mark it discontinued instead',
    when: 'deleting a trim that listings reference',
  },
  MEDIA_NOT_FOUND: {
    status: 404,
    zh: '未找到该图片或文件',
    en: 'Media file not found',
    when: 'no media item or stored file has that id',
  },
  MEDIA_TYPE_NOT_ALLOWED: {
    status: 415,
    zh: '仅支持 JPEG、PNG、WebP 图片',
    en: 'Only JPEG, PNG and WebP images are accepted',
    when: 'the uploaded bytes are not a JPEG, PNG or WebP image (whatever the file name says)',
  },
  MEDIA_TOO_LARGE: {
    status: 413,
    zh: '图片不能超过 {maxMb} MB',
    en: 'Images may be at most {maxMb} MB',
    when: 'an uploaded image exceeds the size limit',
  },
  MEDIA_DIMENSIONS_TOO_LARGE: {
    status: 422,
    zh: '图片尺寸不能超过 {max}×{max} 像素',
    en: 'Images may be at most {max}×{max} pixels',
    when: 'an uploaded image is wider or taller than the limit',
  },
  MEDIA_UNREADABLE: {
    status: 422,
    zh: '图片已损坏或无法读取',
    en: 'The image is damaged or cannot be read',
    when: 'the bytes look like an image but cannot be decoded',
  },
  MEDIA_FILE_MISSING: {
    status: 400,
    zh: '请选择要上传的文件',
    en: 'Choose a file to upload',
    when: 'a multipart upload has no file part or misses a required field',
  },
  MEDIA_OWNER_NOT_FOUND: {
    status: 404,
    zh: '图片所属对象不存在',
    en: 'The item the image belongs to does not exist',
    when: 'uploading media for a trim, accessory, listing or inspection item that does not exist, or (dealer staff) for another dealer’s listing',
  },
  IMPORT_FILE_UNREADABLE: {
    status: 422,
    zh: '无法读取导入文件，请使用模板的 CSV 或 XLSX 格式',
    en: 'The import file cannot be read; use the CSV or XLSX template',
    when: 'the uploaded import file is neither parseable CSV nor XLSX, or has no header row',
  },
  IMPORT_ROWS_INVALID: {
    status: 422,
    zh: '导入文件有 {count} 处错误，未写入任何数据',
    en: 'The import file has {count} errors; nothing was written',
    when: 'at least one row of an import fails validation (details list each row and column)',
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    catalog: typeof CatalogErrors;
  }
}
