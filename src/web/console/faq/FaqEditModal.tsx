import '../../shared/faq-i18n.js';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FAQ_CATEGORIES, FAQ_PLACEHOLDERS } from '../../../server/modules/leads/leads.faq.enums.js';
import { ApiError } from '../../shared/api.js';
import { type TFaq, useSaveFaq } from '../../shared/hooks/leads-faq.js';

interface FaqForm {
  category: TFaq['category'];
  question: string;
  answer: string;
  answerEn?: string | null;
  synonyms?: string;
  status: 'published' | 'draft';
  sortOrder: number;
}

/** What the modal edits: an FAQ, or a new one (optionally pre-filled from an unanswered question). */
export type FaqDraft = { faq: TFaq } | { faq: null; question?: string; fromQuestion?: string };

/** Create or edit one FAQ (the library page, and "add as FAQ" on the deflection page). */
export function FaqEditModal({ draft, onClose }: { draft: FaqDraft | null; onClose: () => void }) {
  const { t } = useTranslation('faq');
  const { message } = App.useApp();
  const save = useSaveFaq();
  const [form] = Form.useForm<FaqForm>();
  useEffect(() => {
    if (!draft) return;
    form.resetFields();
    const f = draft.faq;
    form.setFieldsValue(
      f
        ? {
            category: f.category,
            question: f.question,
            answer: f.answer,
            answerEn: f.answerEn,
            synonyms: f.synonyms.join('\n'),
            status: f.status === 'draft' ? 'draft' : 'published',
            sortOrder: f.sortOrder,
          }
        : {
            category: 'prices_discounts',
            question: draft.question ?? '',
            answer: '',
            status: 'published',
            sortOrder: 0,
          },
    );
  }, [draft, form]);
  const submit = async () => {
    if (!draft) return;
    const v = await form.validateFields();
    const input = {
      category: v.category,
      question: v.question,
      answer: v.answer,
      answerEn: v.answerEn?.trim() ? v.answerEn : null,
      synonyms: (v.synonyms ?? '')
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
      status: v.status,
      sortOrder: v.sortOrder ?? 0,
      ...(draft.faq
        ? { brandIds: draft.faq.brandIds, seriesIds: draft.faq.seriesIds, trimIds: draft.faq.trimIds }
        : draft.fromQuestion
          ? { fromQuestion: draft.fromQuestion }
          : {}),
    };
    try {
      await save.mutateAsync({ id: draft.faq?.id ?? null, input });
      void message.success(t('saved'));
      onClose();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Modal
      open={draft !== null}
      title={draft?.faq ? t('edit') : t('add')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      width={720}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="faq-form">
        <Form.Item name="category" label={t('categoryLabel')} rules={[{ required: true }]}>
          <Select options={FAQ_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))} />
        </Form.Item>
        <Form.Item name="question" label={t('question')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="faq-question" />
        </Form.Item>
        <Form.Item name="synonyms" label={t('synonyms')} extra={t('synonymsHelp')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item
          name="answer"
          label={t('answer')}
          extra={t('answerHelp', { fields: FAQ_PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ') })}
          rules={[{ required: true, max: 2000 }]}
        >
          <Input.TextArea rows={5} data-testid="faq-answer" />
        </Form.Item>
        <Form.Item name="answerEn" label={t('answerEn')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="status" label={t('statusLabel')}>
          <Select
            options={(['published', 'draft'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="sortOrder" label="#">
          <InputNumber min={0} max={10000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
